package com.customerarchive.events.privacy;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/** A serializer that changes what Jackson writes and reads, and leaves types and conversions to Axon's Jackson one. */
abstract class JacksonBackedSerializer implements Serializer {

    protected final JacksonSerializer delegate;

    JacksonBackedSerializer(JacksonSerializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
