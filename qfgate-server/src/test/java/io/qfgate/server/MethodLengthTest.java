package io.qfgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No method or constructor of the main code, in any module, is longer than 70 lines, counted from
 * its signature to its closing brace: control flow stays in the parent, leaf work in helpers. The
 * count reads the source (comments, strings and text blocks blanked) and matches braces.
 */
class MethodLengthTest {
    static final int MAX_LINES = 70;

    private static final Pattern SIGNATURE = Pattern.compile(
            "^\\s+(?:(?:public|private|protected|static|final|abstract|default|synchronized)\\s+)*"
                    + "(?:<[^>]+>\\s+)?(?:[\\w\\[\\]<>,.?]+\\s+)?(\\w+)\\s*\\(");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "return", "new",
            "else", "try", "do", "synchronized", "throw", "record", "class", "interface", "enum", "super", "this");

    record Method(String where, int lines) {}

    @Test
    void noMainCodeMethodIsLongerThan70Lines() throws IOException {
        List<Method> tooLong = new ArrayList<>();
        List<Method> all = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("qfgate-")).toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                            all.addAll(methods(f));
                        }
                    }
                }
            }
        }
        all.stream().filter(m -> m.lines() > MAX_LINES).forEach(tooLong::add);
        assertThat(all).as("methods found (the scan works)").hasSizeGreaterThan(500);
        assertThat(tooLong).as("methods over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void theCountSeesALongMethod() {
        List<String> source = new ArrayList<>(List.of("class X {", "    void longOne() {"));
        for (int i = 0; i < 80; i++) {
            source.add("        call(\"{\"); // }");
        }
        source.addAll(List.of("    }", "    int shortOne() {", "        return 1;", "    }", "}"));
        assertThat(methods("X.java", source)).containsExactly(new Method("X.java:2 longOne", 82),
                new Method("X.java:84 shortOne", 3));
    }

    static List<Method> methods(Path file) throws IOException {
        return methods(file.toString(), Files.readAllLines(file));
    }

    static List<Method> methods(String name, List<String> lines) {
        List<String> code = blanked(lines);
        List<Method> found = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            Matcher m = SIGNATURE.matcher(code.get(i));
            String head = code.get(i).split("\\(")[0];
            if (!m.find() || NOT_METHODS.contains(m.group(1)) || head.contains("=") || head.contains(";")
                    || NOT_METHODS.contains(head.trim().split("\\s+")[0])) {
                continue;
            }
            int end = closingLine(code, i);
            if (end >= 0) {
                found.add(new Method(name + ":" + (i + 1) + " " + m.group(1), end - i + 1));
            }
        }
        return found;
    }

    /** The line where the body opened at or after {@code start} closes; -1 for a declaration without a body. */
    private static int closingLine(List<String> code, int start) {
        int depth = 0;
        boolean opened = false;
        for (int j = start; j < code.size(); j++) {
            for (char c : code.get(j).toCharArray()) {
                if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (!opened && code.get(j).contains(";")) {
                return -1;
            }
            if (opened && depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The lines with comments, string and character literals and text blocks blanked out. */
    private static List<String> blanked(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean textBlock = false;
        boolean blockComment = false;
        for (String line : lines) {
            StringBuilder kept = new StringBuilder();
            int i = 0;
            while (i < line.length()) {
                if (textBlock || blockComment) {
                    String close = textBlock ? "\"\"\"" : "*/";
                    int j = line.indexOf(close, i);
                    if (j < 0) {
                        break;
                    }
                    textBlock = blockComment = false;
                    i = j + close.length();
                } else if (line.startsWith("\"\"\"", i)) {
                    textBlock = true;
                    i += 3;
                } else if (line.startsWith("/*", i)) {
                    blockComment = true;
                    i += 2;
                } else if (line.startsWith("//", i)) {
                    break;
                } else if (line.charAt(i) == '"' || line.charAt(i) == '\'') {
                    i = endOfLiteral(line, i);
                } else {
                    kept.append(line.charAt(i++));
                }
            }
            out.add(kept.toString());
        }
        return out;
    }

    private static int endOfLiteral(String line, int open) {
        char quote = line.charAt(open);
        int i = open + 1;
        while (i < line.length() && line.charAt(i) != quote) {
            i += line.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
