import { Module } from '@nestjs/common';
import { CustomFieldValuesLoader } from './custom-fields/custom-field.loaders.js';
import { CustomFieldsResolver } from './custom-fields/custom-fields.resolver.js';
import { CustomFieldsService } from './custom-fields/custom-fields.service.js';
import { ChildDepartmentsLoader, DirectReportsLoader } from './departments/department.loaders.js';
import { DepartmentsResolver, DirectReportsResolver } from './departments/departments.resolver.js';
import { DepartmentsService } from './departments/departments.service.js';
import { DepartmentTree } from './departments/department-tree.js';
import { PersonRolesService } from './roles/person-roles.service.js';
import { FollowCountsLoader, FollowedByLoader } from './follows/follow.loaders.js';
import { FollowsResolver } from './follows/follows.resolver.js';
import { FollowsService } from './follows/follows.service.js';
import { ProfileLoader } from './profiles/profile.loaders.js';
import { ProfilesResolver } from './profiles/profiles.resolver.js';
import { ProfilesService } from './profiles/profiles.service.js';
import { DepartmentLoader, PersonLoader } from './people.loaders.js';
import { PersonBarrier } from './barrier-redaction.js';
import { PeopleResolver } from './people.resolver.js';
import { PeopleService } from './people.service.js';
import { PhotosController } from './photos/photos.controller.js';
import { PhotosResolver } from './photos/photos.resolver.js';
import { PhotosService } from './photos/photos.service.js';
import { HrImportJob } from './hr-import/hr-import.job.js';
import { HrImportResolver } from './hr-import/hr-import.resolver.js';
import { HrImportsService } from './hr-import/hr-imports.service.js';
import { ImportHrFile } from './hr-import/import-hr-file.usecase.js';
import { LinkedInImportResolver } from './linkedin/linkedin-import.resolver.js';
import { LinkedInImportService } from './linkedin/linkedin-import.service.js';
import { PeopleSearchResolver } from './search/people-search.resolver.js';
import { PeopleSearchService } from './search/people-search.service.js';
import { ScimController } from './scim/scim.controller.js';
import { ScimTokensResolver } from './scim/scim-tokens.resolver.js';
import { ScimTokensService } from './scim/scim-tokens.service.js';
import { ScimUsersService } from './scim/scim-users.service.js';

import { LanguageResolver } from './profiles/language.resolver.js';
@Module({
  controllers: [PhotosController, ScimController],
  providers: [PeopleService, PersonRolesService, PeopleResolver, DepartmentLoader, PersonLoader, PersonBarrier, PhotosService, PhotosResolver,
    LinkedInImportService, LinkedInImportResolver,
    // Profiles, custom fields, follows, org neighbourhood
    ProfilesService, ProfilesResolver, ProfileLoader, LanguageResolver,
    CustomFieldsService, CustomFieldsResolver, CustomFieldValuesLoader,
    FollowsService, FollowsResolver, FollowCountsLoader, FollowedByLoader,
    DepartmentsService, DepartmentTree, DepartmentsResolver, DirectReportsResolver, ChildDepartmentsLoader, DirectReportsLoader,
    // Staff search
    PeopleSearchService, PeopleSearchResolver,
    // SCIM 2.0 provisioning (/scim/v2) and its tokens
    ScimUsersService, ScimTokensService, ScimTokensResolver,
    // HR staff import (CLI, GraphQL, worker job)
    HrImportsService, ImportHrFile, HrImportJob, HrImportResolver,
  ],
  exports: [PeopleService, PersonRolesService, DepartmentLoader, PersonLoader, PersonBarrier, PhotosService, ProfilesService, CustomFieldsService, FollowsService, DepartmentsService, DepartmentTree, PeopleSearchService],
})
export class DirectoryModule {}
