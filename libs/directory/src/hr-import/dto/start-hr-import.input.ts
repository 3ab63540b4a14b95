import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class StartHrImportInput {
  @Field(() => ID, { description: 'The HR export (CSV), uploaded with POST /uploads.' })
  uploadId: string;

  @Field(() => ID, { nullable: true, description: 'A ZIP of the photos named in the `photo` column, uploaded with POST /uploads.' })
  photosUploadId?: string | null;

  @Field(() => String, { nullable: true, description: 'A column mapping (JSON: Plein field → source column) for exports in another format.' })
  mappingJson?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Only report what would change.' })
  dryRun: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'A full export: deactivate people (with an employee number) who are not in it.' })
  deactivateMissing: boolean;
}
