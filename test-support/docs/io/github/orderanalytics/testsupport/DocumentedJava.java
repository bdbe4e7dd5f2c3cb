package io.github.orderanalytics.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;

/**
 * The {@code java} blocks of the README and the guides, compiled as a reader would paste them: inside a
 * class that imports what the module's docs use; statements go into a method, declarations into the class
 * body. What a block takes for granted ({@code dataSource}, the shop's {@code orders}) is declared in an
 * HTML comment just before it, {@code <!-- given: ... -->}, which the rendered page does not show. Each
 * module that documents code compiles its own guides' blocks against its own class path.
 */
public final class DocumentedJava {
    private static final Pattern BLOCK =
            Pattern.compile("(?:<!-- given:(?<given>.*?)-->\\s*\\n)?```java\\n(?<code>.*?)\\n```", Pattern.DOTALL);
    private static final Pattern DECLARATION =
            Pattern.compile("^(@|(public|protected|private|static|final|abstract|class|record|interface)\\b)");

    /** A block: where it stands, what it takes for granted, and its code. */
    public record Snippet(String file, int line, String given, String code) {
        public String name() {
            return file + ":" + line;
        }
    }

    private DocumentedJava() {}

    /** The blocks of {@code root}'s README and of those guides under {@code docs/} that {@code guides} accepts. */
    public static List<Snippet> snippets(Path root, Predicate<Path> guides) throws IOException {
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).filter(guides).sorted().forEach(documents::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path document : documents) {
            String text = Files.readString(document);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start("code"))
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
                String given = m.group("given") == null ? "" : m.group("given");
                snippets.add(new Snippet(root.relativize(document).toString(), line, given, m.group("code")));
            }
        }
        return snippets;
    }

    /** One test per snippet, failing with javac's errors and the source it compiled. */
    public static Stream<DynamicTest> compileEach(List<Snippet> snippets, String imports) {
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            String errors = compile(s, imports);
            if (!errors.isEmpty()) {
                throw new AssertionError(s.name() + " does not compile:\n" + errors);
            }
        }));
    }

    /** javac's errors for the snippet compiled after {@code imports}, with the source; empty if it compiles. */
    public static String compile(Snippet s, String imports) {
        String first = s.code()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .findFirst()
                .orElse("");
        String body =
                DECLARATION.matcher(first).find() ? s.code() : "void snippet() throws Exception {\n" + s.code() + "\n}";
        String source = imports + "\nclass Snippet {\n" + s.given() + "\n" + body + "\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Path out = Files.createTempDirectory("snippet");
            boolean ok = javac.getTask(
                            new StringWriter(),
                            files,
                            diagnostics,
                            List.of(
                                    "-d",
                                    out.toString(),
                                    "-proc:none",
                                    "-classpath",
                                    System.getProperty("java.class.path")),
                            null,
                            List.of(new Source(source)))
                    .call();
            if (ok) {
                return "";
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder errors = new StringBuilder();
        diagnostics
                .getDiagnostics()
                .forEach(d -> errors.append("line ")
                        .append(d.getLineNumber())
                        .append(": ")
                        .append(d.getMessage(Locale.ROOT))
                        .append('\n'));
        return errors + "\n" + source;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///Snippet.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
