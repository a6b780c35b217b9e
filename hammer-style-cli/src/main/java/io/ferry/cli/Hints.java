package io.ferry.cli;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from the API's words to the CLI's: a problem's detail names request fields
 * ({@code volumeSize}), import kinds and REST endpoints, because API clients read it too; the CLI shows
 * the same hint with its own flags and commands. {@code HintsTest} runs it over every code in docs/errors.md.
 */
final class Hints {
    private Hints() {
    }

    private record Rule(Pattern pattern, String replacement) {
    }

    /** Request fields (in backticks, or as written by the server) and the flag that sets each. */
    static final Map<String, String> FIELDS = Map.of("volumeSize", "--chunk-size", "fromExport", "--from-history-id",
            "relativePath", "--relative-path", "since", "--since", "path", "--path", "format", "--format",
            "compression", "--compression", "destination", "--destination-server", "receipt", "--receipt");

    /** Collections under an organization and the command that lists them. */
    private static final Map<String, String> LISTS = Map.of("content-views", "ferry content-view list", "products",
            "ferry product list", "lifecycle-environments", "ferry lifecycle-environment list", "exports",
            "ferry content-export list", "imports", "ferry content-import list", "trusted-certificates", "ferry trust list");

    private static final List<Rule> RULES = List.of(
            rule("\\s*\\([^()]* in the API\\)", ""), // the server's own gloss for API clients
            rule(",? \\(kind '[a-z-]+'\\),? or leave kind out", ""),
            rule("an import of kind '([a-z-]+)'", "ferry content-import $1"),
            rule("`kind: ([a-z-]+)`", "ferry content-import $1"),
            rule(", or POST /api/v1/uploads and add it with 'upload'", ""),
            rule("POST /api/v1/uploads", "ferry repository upload-content"),
            rule("List yours with GET /api/v1/tokens", "Make a new one with ferry login"),
            rule("POST /api/v1/tokens", "ferry login"),
            rule("`?expiresAt`?", "its expiry time"),
            rule("`(volumeSize|fromExport|relativePath|since|path|format|compression|destination|receipt)`", null),
            rule("(?<![\\w-])(?:volumeSize|fromExport|relativePath)\\b", null)); // bare camel-case fields: always API words

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), replacement);
    }

    private static final Pattern LIST = Pattern.compile("GET (?:\\.\\.\\.|…|/api/v1/organizations/[^/\\s]+)/([a-z-]+)"
            + "(?:/([^/\\s]+)/versions)?");

    /** The detail as a CLI user should read it. */
    static String rewrite(String detail) {
        if (detail == null) {
            return null;
        }
        String s = detail;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(s);
            if (r.replacement() == null) {
                s = m.replaceAll(x -> Matcher.quoteReplacement(FIELDS.get(x.group(x.groupCount() == 0 ? 0 : 1))));
            } else {
                s = m.replaceAll(r.replacement());
            }
        }
        Matcher list = LIST.matcher(s);
        return list.replaceAll(m -> {
            String cmd = LISTS.get(m.group(1));
            if (cmd == null) {
                return Matcher.quoteReplacement(m.group());
            }
            return Matcher.quoteReplacement(m.group(2) != null && m.group(1).equals("content-views")
                    ? "ferry content-view version list --content-view " + m.group(2) : cmd);
        });
    }
}
