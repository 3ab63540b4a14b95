import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One person following another (people, not pages: LinkedIn-style). */
@Entity('follows')
@Index(['followeeId', 'createdAt'])
export class Follow {
  @PrimaryColumn({ name: 'follower_id', type: 'uuid' })
  followerId: string;

  @PrimaryColumn({ name: 'followee_id', type: 'uuid' })
  followeeId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
