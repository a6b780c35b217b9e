package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's rewriting of API words into its own, run over every code documented in docs/errors.md and over the server's own hints. */
class HintsTest {
    private static final Pattern API_WORDS = Pattern.compile("/api/v1|(?:GET|POST|PUT|DELETE) (?:\\.\\.\\.|…|/)|`kind|"
            + "(?<![\\w.-])[a-z]+[A-Z][A-Za-z]*\\b|`(?:since|path|format|compression|destination|receipt)`");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z-]+");

    static Set<String> everyOption() {
        Set<String> names = new HashSet<>();
        ArrayDeque<CommandLine> todo = new ArrayDeque<>(List.of(FerryCli.commandLine()));
        while (!todo.isEmpty()) {
            CommandLine c = todo.poll();
            todo.addAll(c.getSubcommands().values());
            c.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        }
        return names;
    }

    /** The words a reader of the API sees that a CLI user has no use for; settings, headers and file names are not among them. */
    static List<String> apiWords(String text) {
        List<String> found = new java.util.ArrayList<>();
        Matcher m = API_WORDS.matcher(text.replaceAll("`[^`]*[./_][^`]*`", "").replaceAll("`[A-Z][\\w-]*`", ""));
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void everyDocumentedCodeReadsInTheCliWords() throws Exception {
        Set<String> options = everyOption();
        List<String> rows = Files.readAllLines(Path.of("..", "docs", "errors.md")).stream().filter(l -> l.startsWith("| FERRY-"))
                .toList();
        assertThat(rows).hasSizeGreaterThan(80);
        int rewritten = 0;
        int flagged = 0;
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String code = cells[1].trim();
            String when = cells[4].trim();
            String cli = Hints.rewrite(when);
            if (!cli.equals(when)) {
                rewritten++;
            }
            if (!apiWords(when).isEmpty()) {
                flagged++; // the check below sees API words where they are
            }
            assertThat(apiWords(cli)).as(code + ": " + cli).isEmpty();
            Matcher f = FLAG.matcher(cli);
            while (f.find()) {
                assertThat(options).as(code + " names " + f.group() + ": " + cli).contains(f.group());
            }
        }
        assertThat(flagged).as("rows that name API words before rewriting").isGreaterThanOrEqualTo(6);
        assertThat(rewritten).isGreaterThanOrEqualTo(flagged);
    }

    @Test
    void theServersHintsReadInTheCliWords() {
        assertThat(Hints.rewrite("A volume of 1000 bytes is too small: choose a larger volumeSize."))
                .isEqualTo("A volume of 1000 bytes is too small: choose a larger --chunk-size.");
        assertThat(Hints.rewrite("Give either --from-history-id or --since (fromExport or since in the API), not both."))
                .isEqualTo("Give either --from-history-id or --since, not both.");
        assertThat(Hints.rewrite("The bundle holds a Library export, not what an import of kind 'version' takes. Use ferry "
                + "content-import library (kind 'library'), or leave kind out."))
                .isEqualTo("The bundle holds a Library export, not what ferry content-import version takes. Use ferry "
                        + "content-import library.");
        assertThat(Hints.rewrite("Content view 'web' has no version 9.0. List its versions with GET .../content-views/web/versions."))
                .isEqualTo("Content view 'web' has no version 9.0. List its versions with ferry content-view version list "
                        + "--content-view web.");
        assertThat(Hints.rewrite("Upload the file (ferry repository upload-content, or POST /api/v1/uploads and add it with "
                + "'upload').")).isEqualTo("Upload the file (ferry repository upload-content).");
        assertThat(Hints.rewrite("Token expired. Log in again (ferry login) or create a new token (POST /api/v1/tokens)."))
                .doesNotContain("/api/");
        String plain = "Nothing at isos/a.iso since the last sync; the path is free.";
        assertThat(Hints.rewrite(plain)).as("ordinary words stay").isEqualTo(plain);
    }
}
