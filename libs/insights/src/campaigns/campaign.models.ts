import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Campaign', { description: 'Near-identical messages posted by different people (copy-paste campaigns).' })
export class CampaignModel {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Messages in the campaign.' }) size: number;
  @Field(() => Int, { description: 'Different people who posted it.' }) authorCount: number;
  @Field(() => ID) sampleMessageId: string;
  @Field(() => String, { nullable: true, description: 'The first message\'s text, when you may read it.' }) sample: string | null;
  @Field() firstAt: Date;
  @Field() lastAt: Date;
}

@ObjectType('CampaignMatch', { description: 'Your text matches a circulating campaign: a hint for the composer, never a block.' })
export class CampaignMatchModel {
  @Field(() => CampaignModel) campaign: CampaignModel;
  @Field(() => Float, { description: 'Estimated word-shingle overlap with the campaign (0-1).' }) similarity: number;
}

@ObjectType('CampaignStats', { description: 'For community managers: how far a campaign went and how it did.' })
export class CampaignStatsModel {
  @Field(() => CampaignModel) campaign: CampaignModel;
  @Field(() => Int, { description: 'Distinct active followers of its authors (followers reached).' }) reach: number;
  @Field(() => Int, { description: 'Posts that copy the sample (≥ 90% overlap).' }) copies: number;
  @Field(() => Float, { description: 'Likes + replies + reshares per copy.' }) copyEngagement: number;
  @Field(() => Int, { description: 'Posts that add personal words.' }) personalised: number;
  @Field(() => Float, { description: 'Likes + replies + reshares per personalised post.' }) personalisedEngagement: number;
}
