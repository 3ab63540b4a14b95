import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum BarrierSegmentKind {
  DEPARTMENT = 'department',
  EMPLOYMENT_TYPE = 'employment_type',
  LOCATION = 'location',
}
registerEnumType(BarrierSegmentKind, {
  name: 'BarrierSegmentKind',
  description: 'DEPARTMENT: a department and every department below it. EMPLOYMENT_TYPE: employee, contractor or freelancer. LOCATION: an HR location (ignoring case).',
});

export enum BarrierDirection {
  TWO_WAY = 'two_way',
  ONE_WAY = 'one_way',
}
registerEnumType(BarrierDirection, {
  name: 'BarrierDirection',
  description: 'TWO_WAY: neither side sees the other. ONE_WAY: segment A reads B\'s content; B sees nothing of A. Either way nobody interacts across it.',
});

@ObjectType('BarrierSegment')
export class BarrierSegmentModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => BarrierSegmentKind) kind: BarrierSegmentKind;
  @Field(() => ID, { nullable: true }) departmentId: string | null;
  @Field(() => String, { nullable: true, description: 'The employment type or location (other kinds).' }) value: string | null;
  @Field(() => Int, { description: 'People in the segment now.' }) memberCount: number;
  @Field() createdAt: Date;
}

@ObjectType('InformationBarrier')
export class InformationBarrierModel {
  @Field(() => ID) id: string;
  @Field(() => BarrierSegmentModel) segmentA: BarrierSegmentModel;
  @Field(() => BarrierSegmentModel) segmentB: BarrierSegmentModel;
  @Field(() => BarrierDirection) direction: BarrierDirection;
  @Field() createdAt: Date;
}

@ObjectType('SuspendedFollow')
export class SuspendedFollowModel {
  @Field(() => ID) followerId: string;
  @Field(() => ID) followeeId: string;
}

@ObjectType('SuspendedGroupMembership')
export class SuspendedGroupMembershipModel {
  @Field(() => ID) groupId: string;
  @Field() groupName: string;
  @Field(() => ID) personId: string;
}

@ObjectType('CreateInformationBarrierResult', {
  description: 'The barrier, and what it suspended: follows across it stop counting and showing; memberships of closed and secret groups shared across it are suspended (lifted when the barrier goes).',
})
export class CreateBarrierResultModel {
  @Field(() => InformationBarrierModel) barrier: InformationBarrierModel;
  @Field(() => [SuspendedFollowModel]) suspendedFollows: SuspendedFollowModel[];
  @Field(() => [SuspendedGroupMembershipModel]) suspendedGroupMemberships: SuspendedGroupMembershipModel[];
}

@ObjectType('BarrierAuditEntry')
export class BarrierAuditEntryModel {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field() action: string;
  @Field({ description: 'JSON: what changed.' }) details: string;
  @Field() createdAt: Date;
}

@InputType()
export class CreateBarrierSegmentInput {
  @Field() name: string;
  @Field(() => BarrierSegmentKind) kind: BarrierSegmentKind;
  @Field(() => ID, { nullable: true, description: 'For DEPARTMENT: its sub-departments are included.' }) departmentId?: string | null;
  @Field(() => String, { nullable: true, description: 'For EMPLOYMENT_TYPE (employee, contractor, freelancer) or LOCATION.' }) value?: string | null;
}

@InputType()
export class CreateInformationBarrierInput {
  @Field(() => ID) segmentAId: string;
  @Field(() => ID) segmentBId: string;
  @Field(() => BarrierDirection, { defaultValue: BarrierDirection.TWO_WAY }) direction: BarrierDirection;
}
