package cn.hangzhou.indicators.quality.deequ;

import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import scala.Function1;
import scala.Option;
import scala.Predef;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Java values as the Scala types Deequ's API takes (Option, Seq, immutable Map, Double => Boolean). */
final class ScalaInterop {

    private ScalaInterop() {
    }

    static <T> Option<T> some(T value) {
        return Option.apply(value);
    }

    static <T> Option<T> none() {
        return Option.empty();
    }

    static <T> Seq<T> seq(List<T> values) {
        return JavaConverters.asScalaBufferConverter(values).asScala().toList();
    }

    static <T> scala.collection.immutable.List<T> list(List<T> values) {
        return JavaConverters.asScalaBufferConverter(values).asScala().toList();
    }

    static <K, V> scala.collection.immutable.Map<K, V> map(Map<K, V> values) {
        return JavaConverters.mapAsScalaMapConverter(values).asScala().toMap(Predef.$conforms());
    }

    static <K, V> Map<K, V> javaMap(scala.collection.Map<K, V> values) {
        return JavaConverters.mapAsJavaMapConverter(values).asJava();
    }

    static <T> java.util.Set<T> javaSet(scala.collection.Set<T> values) {
        return JavaConverters.setAsJavaSetConverter(values).asJava();
    }

    static <T> List<T> javaList(Seq<T> values) {
        return JavaConverters.seqAsJavaListConverter(values).asJava();
    }

    /** A Deequ assertion on a double metric. */
    static Function1<Object, Object> assertion(DoublePredicate predicate) {
        return value -> predicate.test(((Number) value).doubleValue());
    }
}
