import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '@plein/core';
import { CustomFieldsService, type PersonFieldValue } from './custom-fields.service.js';

/** personId → the person's filled-in custom fields, in display order (visibility is applied by the resolver). */
@Injectable()
export class CustomFieldValuesLoader implements LoaderFactory<string, PersonFieldValue[]> {
  constructor(private readonly fields: CustomFieldsService) {}
  async load(ids: readonly string[]) {
    const rows = await this.fields.valuesOf(ids);
    const byPerson = new Map<string, PersonFieldValue[]>();
    for (const row of rows) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
    return ids.map((id) => byPerson.get(id) ?? []);
  }
}
