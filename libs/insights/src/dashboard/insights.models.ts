import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('InsightsKindCount', { description: 'A weekly figure a content kind contributes (messages, likes, blog posts, poll votes, …).' })
export class InsightsKindCountModel {
  @Field({ description: 'The metric, e.g. poll_votes.' }) metric: string;
  @Field() description: string;
  @Field(() => Float) value: number;
}

@ObjectType('InsightsWeek', { description: 'One week (Monday) of company-wide figures.' })
export class InsightsWeekModel {
  @Field() weekStart: string;
  @Field(() => Int, { description: 'People active (logged in or using Plein) that week.' }) activePeople: number;
  @Field(() => Float, { description: 'activePeople / people with an account.' }) activeShare: number;
  @Field(() => Float, { description: 'Of the active people, the share who posted (the rest only read).' }) postersShare: number;
  @Field(() => Int) messages: number;
  @Field(() => Int) replies: number;
  @Field(() => Int) likes: number;
  @Field(() => Float, { description: 'Replies, likes and follows between people of different departments, as a share of all.' }) crossDepartmentShare: number;
  @Field(() => Int, { description: 'Pairs of people from different departments interacting for the first time.' }) newCrossDepartmentPairs: number;
  @Field(() => Float, { description: 'Reshares that add a personal note, as a share of all reshares.' }) resharesWithNoteShare: number;
  @Field(() => Float, { description: 'Posts that belong to a campaign (copies), as a share of all posts checked.' }) campaignCopyShare: number;
  @Field(() => Int, { description: 'Blog posts published.' }) blogPosts: number;
  @Field(() => Int, { nullable: true, description: 'Blog posts by managers (people with direct reports); null when there are fewer than 5 managers.' }) managerBlogPosts: number | null;
  @Field(() => Int, { nullable: true, description: "Comments by others on managers' blog posts." }) managerComments: number | null;
  @Field(() => Float, { nullable: true, description: 'Of those comments, the share the manager answered in the thread.' }) managerCommentsAnsweredShare: number | null;
  @Field(() => Int, { nullable: true, description: 'Median seconds from such a comment to the manager\'s answer.' }) managerMedianSecondsToAnswer: number | null;
  @Field(() => Int, { description: 'Reports filed (safety).' }) reports: number;
  @Field(() => Int, { description: 'Distinct items reported.' }) reportedItems: number;
  @Field(() => Float, { nullable: true, description: 'Median minutes from an item\'s first report (that week) to a moderator\'s first action.' }) medianMinutesToFirstAction: number | null;
  @Field(() => [InsightsKindCountModel], { description: 'What each registered content kind counts that week.' }) kindCounts: InsightsKindCountModel[];
}

@ObjectType('InsightsSegment', { description: 'Adoption in one department or employment type; groups under 5 people are folded into "other".' })
export class InsightsSegmentModel {
  @Field() name: string;
  @Field(() => Int) people: number;
  @Field(() => Float) active7dShare: number;
  @Field(() => Float) active30dShare: number;
}

@ObjectType('Ambassador')
export class AmbassadorModel {
  @Field(() => ID) personId: string;
  @Field() displayName: string;
  @Field(() => Int, { description: 'Messages in the last 30 days.' }) messages30d: number;
  @Field(() => Int, { description: 'Likes their messages got in the last 30 days.' }) likesReceived30d: number;
  @Field(() => Int, { description: 'Active followers (reach).' }) followers: number;
}

@ObjectType('InsightsDashboard')
export class InsightsDashboardModel {
  @Field(() => [InsightsWeekModel]) weeks: InsightsWeekModel[];
  @Field(() => [InsightsSegmentModel]) adoptionByDepartment: InsightsSegmentModel[];
  @Field(() => [InsightsSegmentModel]) adoptionByEmploymentType: InsightsSegmentModel[];
  @Field(() => [AmbassadorModel]) ambassadors: AmbassadorModel[];
  @Field(() => Float, { description: "Everyone's messages per active person in the last 30 days, next to the ambassadors'." }) everyoneMessages30d: number;
  @Field(() => Float, { description: "Everyone's likes received per active person in the last 30 days." }) everyoneLikesReceived30d: number;
  @Field(() => Float, { description: "Everyone's active followers per person." }) everyoneFollowers: number;
  @Field(() => Int, { nullable: true, description: 'Managers (people with active direct reports); null when fewer than 5, and then no manager figures are shown.' }) managers: number | null;
  @Field(() => Date, { nullable: true, description: 'When the rollups were computed (hourly on the worker).' }) computedAt: Date | null;
}
