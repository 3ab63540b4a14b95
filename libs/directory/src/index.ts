export * from './demo-seeder.js';
export * from './directory.module.js';
export * from './entities/department.entity.js';
export * from './entities/person.entity.js';
export * from './models/person.model.js';
export * from './people.loaders.js';
export * from './people.service.js';
export * from './people.resolver.js';
