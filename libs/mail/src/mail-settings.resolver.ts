import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, type Actor } from '@plein/policy';
import { MailSettingsService } from './mail-settings.service.js';
import { MailSettingsModel, SentMailMessageModel, SentMailModel, UpdateMailSettingsInput, type MailKindEnum } from './models/mail-settings.model.js';
import { SentMailService } from './sent-mail.service.js';

@Resolver(() => MailSettingsModel)
export class MailSettingsResolver {
  constructor(
    private readonly settings: MailSettingsService,
    private readonly sent: SentMailService,
  ) {}

  @Query(() => MailSettingsModel, { description: 'Your mail settings: which mail you get, and the digest day.' })
  async myMailSettings(@CurrentActor() actor: Actor): Promise<MailSettingsModel> {
    const s = await this.settings.get(actor);
    return { ...s, kinds: s.kinds.map((k) => ({ kind: k.kind as MailKindEnum, enabled: k.enabled })) };
  }

  @Mutation(() => MailSettingsModel, { description: 'Switches kinds of mail on or off and sets the digest day; returns the settings.' })
  async updateMailSettings(@CurrentActor() actor: Actor, @Args('input') input: UpdateMailSettingsInput): Promise<MailSettingsModel> {
    const s = await this.settings.update(actor, input);
    return { ...s, kinds: s.kinds.map((k) => ({ kind: k.kind as MailKindEnum, enabled: k.enabled })) };
  }

  @Query(() => [SentMailModel], { description: 'Admins: the latest mail the embedded setup wrote to PLEIN_DATA_DIR/mail (read-only; empty with SMTP_URL).' })
  sentMail(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, nullable: true }) first?: number): Promise<SentMailModel[]> {
    return this.sent.list(actor, first ?? 50);
  }

  @Query(() => SentMailMessageModel, { description: 'Admins: one sent mail, parsed.' })
  sentMailMessage(@CurrentActor() actor: Actor, @Args('id') id: string): Promise<SentMailMessageModel> {
    return this.sent.get(actor, id);
  }
}
