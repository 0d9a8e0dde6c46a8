package io.baton.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** DateTime (ISO-8601 UTC, milliseconds) and Duration (ISO-8601) as the contract writes them. */
final class Scalars {
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

  private Scalars() {}

  static String formatInstant(Instant instant) {
    return UTC_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
  }

  static final GraphQLScalarType DATE_TIME =
      GraphQLScalarType.newScalar()
          .name("DateTime")
          .description("ISO-8601 UTC instant")
          .coercing(
              new Coercing<Object, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                  if (value instanceof OffsetDateTime odt) {
                    return formatInstant(odt.toInstant());
                  }
                  if (value instanceof Instant instant) {
                    return formatInstant(instant);
                  }
                  throw new CoercingSerializeException("a DateTime must be an instant");
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                  try {
                    return OffsetDateTime.parse(String.valueOf(input)).toInstant();
                  } catch (DateTimeParseException e) {
                    throw new CoercingParseValueException(
                        "\"" + input + "\" is not an ISO-8601 date-time like 2026-11-27T13:05:40Z");
                  }
                }

                @Override
                public Object parseLiteral(
                    Value<?> input,
                    CoercedVariables variables,
                    GraphQLContext context,
                    Locale locale) {
                  if (!(input instanceof StringValue s)) {
                    throw new CoercingParseLiteralException("a DateTime is written as a string");
                  }
                  return parseValue(s.getValue(), context, locale);
                }
              })
          .build();

  static final GraphQLScalarType DURATION =
      GraphQLScalarType.newScalar()
          .name("Duration")
          .description("ISO-8601 duration")
          .coercing(
              new Coercing<Duration, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                  if (value instanceof Duration d) {
                    return d.toString();
                  }
                  throw new CoercingSerializeException("a Duration must be a duration");
                }

                @Override
                public Duration parseValue(Object input, GraphQLContext context, Locale locale) {
                  try {
                    return Duration.parse(String.valueOf(input));
                  } catch (DateTimeParseException e) {
                    throw new CoercingParseValueException(
                        "\"" + input + "\" is not an ISO-8601 duration like PT5M or PT24H");
                  }
                }

                @Override
                public Duration parseLiteral(
                    Value<?> input,
                    CoercedVariables variables,
                    GraphQLContext context,
                    Locale locale) {
                  if (!(input instanceof StringValue s)) {
                    throw new CoercingParseLiteralException(
                        "a Duration is written as a string like \"PT5M\"");
                  }
                  return parseValue(s.getValue(), context, locale);
                }
              })
          .build();
}
