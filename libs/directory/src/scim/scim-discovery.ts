import { SCIM_MAX_RESULTS } from './scim-users.service.js';
import { SCIM_ENTERPRISE_SCHEMA, SCIM_LIST_SCHEMA, SCIM_USER_SCHEMA } from './scim.errors.js';

/** Discovery documents (RFC 7644 §4, RFC 7643 §5-7): what Plein's SCIM service supports. */

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** Largest request body the SCIM endpoints accept. */
export const SCIM_MAX_PAYLOAD_BYTES = 1024 * 1024;

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: 'https://www.rfc-editor.org/rfc/rfc7644',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: SCIM_MAX_PAYLOAD_BYTES },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A token an admin creates in Plein (GraphQL mutation createScimToken), sent as "Authorization: Bearer <token>".',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person in the Plein directory: payroll staff, contractors and freelancers.',
      schema: SCIM_USER_SCHEMA,
      schemaExtensions: [{ schema: SCIM_ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
  ];
}

type Attribute = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: Attribute[];
  canonicalValues?: string[];
  referenceTypes?: string[];
};

function attr(name: string, description: string, extra: Partial<Attribute> = {}): Attribute {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...extra,
  };
}

const typedValues = (what: string, extra: Attribute[] = []): Attribute[] => [
  attr('value', what),
  attr('type', 'Plein stores the primary one, else the "work" one, else the first.', { canonicalValues: ['work'] }),
  attr('primary', 'The one Plein stores.', { type: 'boolean' }),
  ...extra,
];

const USER_ATTRIBUTES: Attribute[] = [
  attr('userName', 'The LDAP login name (uid); stored lower-case.', { required: true, uniqueness: 'server' }),
  attr('name', 'The name parts; a Dutch tussenvoegsel in familyName ("van der Berg") is stored apart.', {
    type: 'complex',
    required: true,
    subAttributes: [
      attr('givenName', 'Given name.', { required: true }),
      attr('familyName', 'Family name including any tussenvoegsel.', { required: true }),
      attr('formatted', 'The display name.', { mutability: 'readOnly' }),
    ],
  }),
  attr('displayName', 'Derived by Plein from the name parts and nickName.', { mutability: 'readOnly' }),
  attr('nickName', 'The name the person goes by (roepnaam); replaces the given name in the display name.'),
  attr('title', 'Job title.'),
  attr('userType', 'Employment type.', { canonicalValues: ['employee', 'contractor', 'freelancer'] }),
  attr('active', 'False deactivates the person: they can no longer log in.', { type: 'boolean' }),
  attr('emails', 'The work email address (unique).', { type: 'complex', multiValued: true, required: true, subAttributes: typedValues('Email address.') }),
  attr('phoneNumbers', 'The work phone number.', { type: 'complex', multiValued: true, subAttributes: typedValues('Phone number.') }),
  attr('addresses', 'The work location (locality).', {
    type: 'complex',
    multiValued: true,
    subAttributes: [attr('locality', 'City or site.'), attr('formatted', 'Used when locality is absent.'), attr('type', 'work'), attr('primary', 'The one Plein stores.', { type: 'boolean' })],
  }),
  attr('externalId', 'The client\'s own identifier for the person.', { caseExact: true, uniqueness: 'server' }),
];

const ENTERPRISE_ATTRIBUTES: Attribute[] = [
  attr('employeeNumber', 'HR employee number (unique).', { uniqueness: 'server' }),
  attr('department', 'Department code or name; an unknown one is created.'),
  attr('manager', 'The person\'s manager.', {
    type: 'complex',
    subAttributes: [
      attr('value', 'The Plein id of the manager.', { caseExact: true }),
      attr('$ref', 'The manager\'s User URI.', { type: 'reference', referenceTypes: ['User'], mutability: 'readOnly' }),
      attr('displayName', 'The manager\'s display name.', { mutability: 'readOnly' }),
    ],
  }),
];

export function schemas(baseUrl: string) {
  return [
    {
      schemas: [SCHEMA_SCHEMA],
      id: SCIM_USER_SCHEMA,
      name: 'User',
      description: 'User Account',
      attributes: USER_ATTRIBUTES,
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${SCIM_USER_SCHEMA}` },
    },
    {
      schemas: [SCHEMA_SCHEMA],
      id: SCIM_ENTERPRISE_SCHEMA,
      name: 'EnterpriseUser',
      description: 'Enterprise User',
      attributes: ENTERPRISE_ATTRIBUTES,
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${SCIM_ENTERPRISE_SCHEMA}` },
    },
  ];
}

export function listResponse<T>(resources: T[], totalResults = resources.length, startIndex = 1) {
  return { schemas: [SCIM_LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
