import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The log of every live event, with a monotonic id: a client that reconnects asks
 * `eventsSince(lastEventId)` and misses nothing. `audience` is the content's audience
 * ('company', 'employees', 'group:<id>') or 'user:<id>' for one person's events.
 */
@Entity('realtime_events')
export class RealtimeEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  audience: string;

  @Column({ type: 'varchar', length: 50 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
