import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A fixed-window counter shared by every api node (so a limit holds behind a load balancer). */
@Entity('rate_limit_buckets')
export class RateLimitBucket {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  @Index()
  @Column({ name: 'window_end', type: 'timestamptz' })
  windowEnd: Date;

  @Column({ type: 'integer' })
  hits: number;
}
