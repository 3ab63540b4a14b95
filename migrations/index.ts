// Every migration, in order. `npm run migration:generate -- migrations/Name` writes a file here:
// add its class below. (A test checks that every file in this folder is listed.)
import { Initial1795341153134 } from './1795341153134-Initial.js';
import { DirectoryProfiles1795342785027 } from './1795342785027-DirectoryProfiles.js';

export const MIGRATIONS = [Initial1795341153134, DirectoryProfiles1795342785027];
