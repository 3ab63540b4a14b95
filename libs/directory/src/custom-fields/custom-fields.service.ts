import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, conflict, CONTROL_IN_LINE, forbidden, notFound, isUuid } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { Visibility } from '../entities/person-profile.entity.js';
import { Person } from '../entities/person.entity.js';
import { ProfileField, ProfileFieldFiller, ProfileFieldType, ProfileFieldValue } from '../entities/profile-field.entity.js';
import { httpUrl } from '../profiles/profile.validation.js';
import type { CreateProfileFieldInput, UpdateProfileFieldInput } from './dto/profile-field.input.js';

const KEY = /^[a-z][a-z0-9_]{1,49}$/;
const CONTROL = CONTROL_IN_LINE;
const MAX_OPTIONS = 100;
const MAX_TEXT = 500;
const TYPES = new Set<string>(Object.values(ProfileFieldType));
const FILLERS = new Set<string>(Object.values(ProfileFieldFiller));
const VISIBILITIES = new Set<string>(Object.values(Visibility));

const isChoice = (t: ProfileFieldType) => t === ProfileFieldType.CHOICE || t === ProfileFieldType.MULTI_CHOICE;
const chars = (s: string) => [...s].length;

function label(value: string | null | undefined, field: string): string {
  const v = (value ?? '').replace(/\s+/g, ' ').trim();
  if (!v) throw badInput(`${field} is required.`, { field, messageKey: 'input.required' });
  if (CONTROL.test(v)) throw badInput(`${field} contains control characters.`, { field, messageKey: 'input.unstorableCharacter' });
  if (chars(v) > 100) throw badInput(`${field} can be at most 100 characters.`, { field, max: 100, messageKey: 'input.tooLong' });
  return v;
}

function options(type: ProfileFieldType, values: string[] | null | undefined): string[] {
  const list = values ?? [];
  if (!isChoice(type)) {
    if (list.length) throw badInput(`Only choice and multi_choice fields have options.`, { field: 'options', messageKey: 'input.unknownChoice' });
    return [];
  }
  if (list.length === 0) throw badInput('A choice field needs at least one option.', { field: 'options', messageKey: 'input.chooseAtLeastOne' });
  if (list.length > MAX_OPTIONS) throw badInput(`A field can have at most ${MAX_OPTIONS} options.`, { field: 'options', max: MAX_OPTIONS, messageKey: 'input.tooMany' });
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const v = label(raw, `options[${i}]`);
    if (seen.has(v.toLowerCase())) throw badInput(`options[${i}] repeats an earlier option.`, { field: `options[${i}]` });
    seen.add(v.toLowerCase());
    return v;
  });
}

function position(value: number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0 || value > 10_000) throw badInput('position must be a whole number from 0 to 10000.', { field: 'position', messageKey: 'input.numberRange' });
  return value;
}

/**
 * A custom field's value as stored (a string, or a string array for multi-choice), or null for
 * "no value"; BAD_USER_INPUT when it does not fit the field's type. The mutations and the HR import
 * check with this one function.
 */
export function validFieldValue(field: Pick<ProfileField, 'type' | 'options'>, value: string | null | undefined, values: string[] | null | undefined): string | string[] | null {
  if (field.type === ProfileFieldType.MULTI_CHOICE) {
    if (value !== null && value !== undefined) throw badInput('A multi_choice field takes "values", not "value".', { field: 'value' });
    const chosen: string[] = [];
    for (const [i, v] of (values ?? []).entries()) {
      if (!field.options.includes(v)) throw badInput(`values[${i}] is not one of the field's options.`, { field: `values[${i}]`, messageKey: 'input.unknownChoice' });
      if (!chosen.includes(v)) chosen.push(v);
    }
    return chosen.length ? chosen : null;
  }
  if (values !== null && values !== undefined) throw badInput('Only a multi_choice field takes "values"; use "value".', { field: 'values', messageKey: 'input.unknownChoice' });
  if (value === null || value === undefined || value.trim() === '') return null;
  switch (field.type) {
    case ProfileFieldType.TEXT: {
      if (CONTROL.test(value.replace(/[\n\t]/g, ''))) throw badInput('value contains control characters.', { field: 'value', messageKey: 'input.unstorableCharacter' });
      const v = value.trim();
      if (chars(v) > MAX_TEXT) throw badInput(`value can be at most ${MAX_TEXT} characters.`, { field: 'value', max: MAX_TEXT, messageKey: 'input.tooLong' });
      return v;
    }
    case ProfileFieldType.CHOICE:
      if (!field.options.includes(value)) throw badInput("value is not one of the field's options.", { field: 'value', messageKey: 'input.unknownChoice' });
      return value;
    case ProfileFieldType.LINK:
      return httpUrl(value, 'value');
    default: {
      const exhaustive: never = field.type;
      throw new Error(`Unknown profile field type ${String(exhaustive)}`);
    }
  }
}

export interface PersonFieldValue {
  personId: string;
  field: ProfileField;
  value: string | string[];
}

/**
 * Company-specific profile fields: admins define them; values are filled by the HR import, the
 * person, or admins, as the field says. Who may write what is decided by PolicyService.
 */
@Injectable()
export class CustomFieldsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  list(): Promise<ProfileField[]> {
    return this.db.getRepository(ProfileField).find({ order: { position: 'ASC', key: 'ASC' } });
  }

  private async field(id: string): Promise<ProfileField> {
    const field = isUuid(id) ? await this.db.getRepository(ProfileField).findOneBy({ id }) : null;
    if (!field) throw notFound('No profile field with this id.');
    return field;
  }

  async create(actor: Actor, input: CreateProfileFieldInput): Promise<ProfileField> {
    this.policy.assert(actor, 'profileField.administer');
    if (typeof input.key !== 'string' || !KEY.test(input.key)) {
      throw badInput('key must start with a lower-case letter and use only a-z, 0-9 and _ (2 to 50 characters).', { field: 'key', messageKey: 'input.fieldKey' });
    }
    if (!TYPES.has(input.type)) throw badInput('type is not a known field type.', { field: 'type', messageKey: 'input.unknownChoice' });
    if (!FILLERS.has(input.filledBy)) throw badInput('filledBy is not known.', { field: 'filledBy', messageKey: 'input.unknownChoice' });
    const visibility = input.visibility ?? Visibility.EVERYONE;
    if (!VISIBILITIES.has(visibility)) throw badInput('visibility is not known.', { field: 'visibility', messageKey: 'input.unknownChoice' });
    const values = {
      key: input.key,
      labelNl: label(input.labelNl, 'labelNl'),
      labelEn: label(input.labelEn, 'labelEn'),
      type: input.type,
      options: options(input.type, input.options),
      filledBy: input.filledBy,
      visibility,
      position: position(input.position),
    };
    const inserted: { id: string }[] = await this.db
      .createQueryBuilder()
      .insert()
      .into(ProfileField)
      .values(values)
      .orIgnore()
      .returning('id')
      .execute()
      .then((r) => r.raw as { id: string }[]);
    if (!inserted.length) throw conflict(`A profile field with the key "${input.key}" already exists.`);
    return this.field(inserted[0].id);
  }

  async update(actor: Actor, id: string, input: UpdateProfileFieldInput): Promise<ProfileField> {
    this.policy.assert(actor, 'profileField.administer');
    if (!isUuid(id)) throw notFound('No profile field with this id.');
    return this.db.transaction(async (tx) => {
      // Locked so two admins editing options at once prune values against the options that win.
      const field = await tx.getRepository(ProfileField).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!field) throw notFound('No profile field with this id.');
      if (input.labelNl !== undefined) field.labelNl = label(input.labelNl, 'labelNl');
      if (input.labelEn !== undefined) field.labelEn = label(input.labelEn, 'labelEn');
      if (input.filledBy !== undefined && input.filledBy !== null) {
        if (!FILLERS.has(input.filledBy)) throw badInput('filledBy is not known.', { field: 'filledBy', messageKey: 'input.unknownChoice' });
        field.filledBy = input.filledBy;
      }
      if (input.visibility !== undefined && input.visibility !== null) {
        if (!VISIBILITIES.has(input.visibility)) throw badInput('visibility is not known.', { field: 'visibility', messageKey: 'input.unknownChoice' });
        field.visibility = input.visibility;
      }
      if (input.position !== undefined) field.position = position(input.position);
      if (input.options !== undefined) {
        field.options = options(field.type, input.options);
        await this.pruneValues(tx, field);
      }
      await tx.getRepository(ProfileField).save(field);
      return field;
    });
  }

  /** Drops values that use an option the field no longer has. */
  private async pruneValues(tx: EntityManager, field: ProfileField): Promise<void> {
    if (field.type === ProfileFieldType.CHOICE) {
      await tx.query(`DELETE FROM profile_field_values WHERE field_id = $1 AND NOT ((value #>> '{}') = ANY($2::text[]))`, [field.id, field.options]);
    } else if (field.type === ProfileFieldType.MULTI_CHOICE) {
      await tx.query(
        `UPDATE profile_field_values v
            SET value = (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM jsonb_array_elements_text(v.value) e WHERE e = ANY($2::text[]))
          WHERE field_id = $1`,
        [field.id, field.options],
      );
      await tx.query(`DELETE FROM profile_field_values WHERE field_id = $1 AND value = '[]'::jsonb`, [field.id]);
    }
  }

  async delete(actor: Actor, id: string): Promise<void> {
    this.policy.assert(actor, 'profileField.administer');
    const field = await this.field(id);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ProfileFieldValue).delete({ fieldId: field.id });
      await tx.getRepository(ProfileField).delete({ id: field.id });
    });
  }

  /**
   * Sets (or with no value, clears) one person's value of the field `key`. Multi-choice fields
   * take `values`; the others take `value`.
   */
  async setValue(actor: Actor, personId: string, key: string, value: string | null | undefined, values: string[] | null | undefined): Promise<Person> {
    const person = isUuid(personId) ? await this.db.getRepository(Person).findOneBy({ id: personId }) : null;
    if (!person) throw notFound('No person with this id.');
    const field = await this.db.getRepository(ProfileField).findOneBy({ key });
    if (!field) throw notFound(`No profile field with the key "${key}".`);
    if (!this.policy.canSetProfileFieldValue(actor, field.filledBy, person.id)) {
      throw forbidden(
        field.filledBy === ProfileFieldFiller.HR
          ? 'This field is filled by the HR import and cannot be changed here.'
          : field.filledBy === ProfileFieldFiller.ADMIN
            ? 'Only admins can fill this field.'
            : 'Only the person can fill this field on their own profile.',
      );
    }
    await this.write(person.id, field, value, values);
    return person;
  }

  /**
   * For the HR import (a trusted caller with no actor): writes an HR-filled field's value with the
   * same type checks. Refuses fields that HR does not fill, so an import mapping cannot overwrite
   * what people or admins own.
   */
  async setImportedValue(personId: string, key: string, value: string | null, values: string[] | null = null): Promise<void> {
    const field = await this.db.getRepository(ProfileField).findOneBy({ key });
    if (!field) throw notFound(`No profile field with the key "${key}".`);
    if (field.filledBy !== ProfileFieldFiller.HR) throw forbidden(`The profile field "${key}" is not filled by HR.`);
    await this.write(personId, field, value, values);
  }

  private async write(personId: string, field: ProfileField, value: string | null | undefined, values: string[] | null | undefined): Promise<void> {
    const stored = validFieldValue(field, value, values);
    const repo = this.db.getRepository(ProfileFieldValue);
    if (stored === null) await repo.delete({ personId, fieldId: field.id });
    else await repo.upsert({ personId, fieldId: field.id, value: stored }, ['personId', 'fieldId']);
  }

  /** Every filled-in value of these people, with its field, in display order: one query. */
  async valuesOf(personIds: readonly string[]): Promise<PersonFieldValue[]> {
    const rows = await this.db
      .getRepository(ProfileFieldValue)
      .createQueryBuilder('v')
      .innerJoinAndMapOne('v.field', ProfileField, 'f', 'f.id = v.field_id')
      .where('v.person_id = ANY(:ids)', { ids: [...personIds] })
      .orderBy('f.position', 'ASC')
      .addOrderBy('f.key', 'ASC')
      .getMany();
    return (rows as (ProfileFieldValue & { field: ProfileField })[]).map((v) => ({ personId: v.personId, field: v.field, value: v.value }));
  }
}
