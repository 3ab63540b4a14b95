import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '@plein/core';
import type { Department } from '../entities/department.entity.js';
import type { Person } from '../entities/person.entity.js';
import { DepartmentsService } from './departments.service.js';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string | null): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    if (k !== null) map.set(k, [...(map.get(k) ?? []), row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** department id → its sub-departments, by name. */
@Injectable()
export class ChildDepartmentsLoader implements LoaderFactory<string, Department[]> {
  constructor(private readonly departments: DepartmentsService) {}
  async load(ids: readonly string[]) {
    return groupBy(ids, await this.departments.childrenOf(ids), (d) => d.parentId);
  }
}

/** manager id → active direct reports, by family name then given name. */
@Injectable()
export class DirectReportsLoader implements LoaderFactory<string, Person[]> {
  constructor(private readonly departments: DepartmentsService) {}
  async load(ids: readonly string[]) {
    return groupBy(ids, await this.departments.reportsOf(ids), (p) => p.managerId);
  }
}
