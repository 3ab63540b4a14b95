import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { NestFactory } from '@nestjs/core';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { PeopleResolver } from '@plein/directory';

/** Every resolver class that makes up the schema. New domains add theirs here. */
export const RESOLVERS = [PeopleResolver];

/** Builds the code-first schema without a database or server, and prints it sorted. */
export async function printSchemaOf(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const factory = app.get(GraphQLSchemaFactory);
  const schema = await factory.create(RESOLVERS);
  await app.close();
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
