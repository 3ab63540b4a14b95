import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonPhoto', { description: 'Profile photo URLs (WebP). Load them with <img>; no token needed.' })
export class PhotoModel {
  @Field(() => ID)
  id: string;

  @Field({ description: '64×64, cropped square.' })
  small: string;

  @Field({ description: '256×256, cropped square.' })
  medium: string;

  @Field({ description: 'At most 800 px on the longest side, not cropped.' })
  large: string;
}
