package org.waybill.web;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.waybill.platform.JsonFactories;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads every JSON request body of the API (all are records) strictly, instead of JSON-B, which wraps, truncates
 * and converts numbers, takes strings for numbers, keeps the last of duplicate keys and ignores what follows the
 * value. The body is UTF-8, at most {@link ApiGuard#MAX_BODY_BYTES}, one JSON value and nothing after it; its
 * fields are bound by {@link JsonBinder}.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonReader implements MessageBodyReader<Record> {
    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new RequestRefused(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "The body must be JSON in UTF-8, not " + JsonBinder.shown(charset));
        }
        String text = utf8(body.readNBytes(ApiGuard.MAX_BODY_BYTES + 1));
        if (text.isBlank()) {
            return null;
        }
        try (JsonParser parser = JsonFactories.PARSERS.createParser(new StringReader(text))) {
            Record value;
            try {
                value = type.cast(JsonBinder.read(parser, genericType));
            } catch (JsonParsingException e) {
                throw new RequestRefused(Response.Status.BAD_REQUEST, "The request body is not JSON: " + e.getMessage());
            } catch (JsonBinder.Refused e) {
                throw new RequestRefused(e.field, e.reason);
            }
            if (endsAfterValue(parser)) {
                return value;
            }
            throw new RequestRefused(Response.Status.BAD_REQUEST,
                    "The request body must be one JSON value with nothing after it");
        }
    }

    private static boolean endsAfterValue(JsonParser parser) {
        try {
            return !parser.hasNext();
        } catch (JsonParsingException e) {
            return false;
        }
    }

    private static String utf8(byte[] bytes) {
        if (bytes.length > ApiGuard.MAX_BODY_BYTES) {
            throw ApiGuard.tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RequestRefused(Response.Status.BAD_REQUEST, "The request body is not valid UTF-8");
        }
    }
}
