import { Injectable } from '@nestjs/common';
import { byKeys, type LoaderFactory } from '@plein/core';
import type { Department } from './entities/department.entity.js';
import type { Person } from './entities/person.entity.js';
import { PeopleService } from './people.service.js';

@Injectable()
export class DepartmentLoader implements LoaderFactory<string, Department | null> {
  constructor(private readonly people: PeopleService) {}
  async load(ids: readonly string[]) {
    return byKeys(ids, await this.people.findDepartmentsByIds(ids), (d) => d.id);
  }
}

@Injectable()
export class PersonLoader implements LoaderFactory<string, Person | null> {
  constructor(private readonly people: PeopleService) {}
  async load(ids: readonly string[]) {
    return byKeys(ids, await this.people.findByIds(ids), (p) => p.id);
  }
}
