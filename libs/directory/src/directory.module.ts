import { Module } from '@nestjs/common';
import { DepartmentLoader, PersonLoader } from './people.loaders.js';
import { PeopleResolver } from './people.resolver.js';
import { PeopleService } from './people.service.js';

@Module({
  providers: [PeopleService, PeopleResolver, DepartmentLoader, PersonLoader],
  exports: [PeopleService, DepartmentLoader, PersonLoader],
})
export class DirectoryModule {}
