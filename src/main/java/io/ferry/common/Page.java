package io.ferry.common;

import java.util.List;

/** One page of a listing: {@code page} is 0-based, {@code total} counts all matches. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
