package io.harbormaster.executors.plugin;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.event.Level;

/**
 * The two line formats of a plugin's log, written by hand so a plugin loads no date formatter (which pulls in
 * locale data) and no pattern parser. They are logback's, which the node and plugins used before:
 * <ul>
 * <li>its file: {@code %d{ISO8601} %-5level [%thread] %logger{36} - %msg%n}, e.g.
 * {@code 2025-03-01 14:05:09,042 INFO  [main] i.h.executors.plugin.PluginMain - Plugin d-1 serving ...};</li>
 * <li>stderr, until the file takes over: {@code %d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n}.</li>
 * </ul>
 * Times are local. A throwable follows its line as {@link Throwable#printStackTrace()} prints it; logback printed
 * the same frames but ended a cause's with {@code ... n common frames omitted} where the JDK writes
 * {@code ... n more}.
 */
final class PluginLogFormat {

    /** The {@code 36} of {@code %logger{36}}. */
    static final int LOGGER_LENGTH = 36;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final String NEWLINE = System.lineSeparator();

    private PluginLogFormat() {
    }

    /** A file line; {@code localMillis} is the epoch milliseconds plus the local zone's offset at that instant. */
    static String fileLine(long localMillis, Level level, String thread, String abbreviatedLogger, String message,
            Throwable throwable) {
        StringBuilder line = new StringBuilder(64 + abbreviatedLogger.length() + (message == null ? 4 : message.length()));
        appendDate(line, localMillis);
        line.append(' ');
        appendTime(line, localMillis, ',');
        line.append(' ');
        appendLevel(line, level);
        line.append(" [").append(thread).append("] ").append(abbreviatedLogger).append(" - ").append(message)
                .append(NEWLINE);
        appendThrowable(line, throwable);
        return line.toString();
    }

    /** A stderr line, before the plugin's file takes over. */
    static String consoleLine(long localMillis, Level level, String simpleLogger, String message, Throwable throwable) {
        StringBuilder line = new StringBuilder(48 + simpleLogger.length() + (message == null ? 4 : message.length()));
        appendTime(line, localMillis, '.');
        line.append(' ');
        appendLevel(line, level);
        line.append(' ').append(simpleLogger).append(" - ").append(message).append(NEWLINE);
        appendThrowable(line, throwable);
        return line.toString();
    }

    /**
     * {@code %logger{length}}: shortens package segments to their first letter, leftmost first, until the name
     * fits in {@code length} characters or only the class name is left whole (logback's
     * TargetLengthBasedClassNameAbbreviator).
     */
    static String abbreviate(String name, int length) {
        int nameLength = name.length();
        if (nameLength < length) {
            return name;
        }
        int lastDot = name.lastIndexOf('.');
        if (lastDot < 0) {
            return name;
        }
        int lastSegmentLength = nameLength - lastDot;
        int packagesTarget = Math.max(0, length - lastSegmentLength);
        int maxTrim = (nameLength - lastSegmentLength) - packagesTarget;
        StringBuilder shortened = new StringBuilder(nameLength);
        int trimmed = 0;
        boolean afterDot = true;
        int i = 0;
        for (; i < lastDot; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (trimmed >= maxTrim) {
                    break;
                }
                shortened.append(c);
                afterDot = true;
            } else if (afterDot) {
                shortened.append(c);
                afterDot = false;
            } else {
                trimmed++;
            }
        }
        return shortened.append(name, i, nameLength).toString();
    }

    /** {@code %logger{0}}: the part after the last dot. */
    static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** {@code yyyy-MM-dd} of the proleptic Gregorian calendar (days to civil date after H. Hinnant). */
    static void appendDate(StringBuilder out, long localMillis) {
        long z = Math.floorDiv(localMillis, MILLIS_PER_DAY) + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153; // March is 0
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year >= 0 && year < 1000) {
            pad(out, (int) year, 4);
        } else {
            out.append(year);
        }
        out.append('-');
        pad(out, month, 2);
        out.append('-');
        pad(out, day, 2);
    }

    /** {@code HH:mm:ss} then {@code millisSeparator} then {@code SSS}. */
    static void appendTime(StringBuilder out, long localMillis, char millisSeparator) {
        int millisOfDay = (int) Math.floorMod(localMillis, MILLIS_PER_DAY);
        pad(out, millisOfDay / 3_600_000, 2);
        out.append(':');
        pad(out, millisOfDay / 60_000 % 60, 2);
        out.append(':');
        pad(out, millisOfDay / 1000 % 60, 2);
        out.append(millisSeparator);
        pad(out, millisOfDay % 1000, 3);
    }

    /** {@code %-5level}. */
    private static void appendLevel(StringBuilder out, Level level) {
        String name = level.name();
        out.append(name);
        for (int i = name.length(); i < 5; i++) {
            out.append(' ');
        }
    }

    private static void pad(StringBuilder out, int value, int digits) {
        for (int limit = 10, i = 1; i < digits; i++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        out.append(value);
    }

    private static void appendThrowable(StringBuilder out, Throwable throwable) {
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            out.append(trace);
        }
    }
}
