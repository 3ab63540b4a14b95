// Every migration, in order. `npm run migration:generate -- migrations/Name` writes a file here:
// add its class below. (A test checks that every file in this folder is listed.)
import { Initial1795341153134 } from './1795341153134-Initial.js';
import { DirectoryProfiles1795342785027 } from './1795342785027-DirectoryProfiles.js';
import { PeopleSearch1795342976513 } from './1795342976513-PeopleSearch.js';
import { HrImports1795342986421 } from './1795342986421-HrImports.js';
import { Messages1795343180288 } from './1795343180288-Messages.js';
import { ScimProvisioning1795343181372 } from './1795343181372-ScimProvisioning.js';
import { Notifications1795343216341 } from './1795343216341-Notifications.js';
import { Groups1795343365423 } from './1795343365423-Groups.js';
import { MessageFeedIndexes1795344036168 } from './1795344036168-MessageFeedIndexes.js';
import { Moderation1795345290977 } from './1795345290977-Moderation.js';
import { Blogs1795345321318 } from './1795345321318-Blogs.js';
import { InformationBarriers1795345740472 } from './1795345740472-InformationBarriers.js';
import { Business1795345776265 } from './1795345776265-Business.js';
import { Campaigns1795346183978 } from './1795346183978-Campaigns.js';
import { Insights1795346326433 } from './1795346326433-Insights.js';
import { BlogCovers1795348608822 } from './1795348608822-BlogCovers.js';
import { ModerationAllContent1795410000000 } from './1795410000000-ModerationAllContent.js';
import { BarrierHrMoves1795420000000 } from './1795420000000-BarrierHrMoves.js';
import { MessageImages1795430000000 } from './1795430000000-MessageImages.js';
import { PeopleLowerUid1795440000000 } from './1795440000000-PeopleLowerUid.js';
import { SessionsEndOnTime1795510000000 } from './1795510000000-SessionsEndOnTime.js';
import { BarrierRefreshSerialised1795530000000 } from './1795530000000-BarrierRefreshSerialised.js';
import { WelcomeSuggestions1795540000000 } from './1795540000000-WelcomeSuggestions.js';
import { Mail1795550000000 } from './1795550000000-Mail.js';
import { PeopleSearchFuzzy1795570000000 } from './1795570000000-PeopleSearchFuzzy.js';
import { Polls1795600000000 } from './1795600000000-Polls.js';
import { BlogAnswers1795640000000 } from './1795640000000-BlogAnswers.js';
import { MessageClientId1795660000000 } from './1795660000000-MessageClientId.js';

export const MIGRATIONS = [Initial1795341153134, DirectoryProfiles1795342785027, PeopleSearch1795342976513, HrImports1795342986421, Messages1795343180288, ScimProvisioning1795343181372, Notifications1795343216341, Groups1795343365423, MessageFeedIndexes1795344036168, Moderation1795345290977, Blogs1795345321318, InformationBarriers1795345740472, Business1795345776265, Campaigns1795346183978, Insights1795346326433, BlogCovers1795348608822, ModerationAllContent1795410000000, BarrierHrMoves1795420000000, MessageImages1795430000000, PeopleLowerUid1795440000000, SessionsEndOnTime1795510000000, BarrierRefreshSerialised1795530000000, WelcomeSuggestions1795540000000, Mail1795550000000, PeopleSearchFuzzy1795570000000, Polls1795600000000, BlogAnswers1795640000000, MessageClientId1795660000000];
