import Yams

/// A YAML syntax error reduced to what may be printed: where (line and column, from 1) and
/// libyaml's fixed description of the problem. Yams' own error text quotes the offending line of
/// the file, and a configuration line can hold a secret-looking value (or a secret pasted by
/// mistake), so it is never shown, not even as the `--verbose` cause.
package struct YAMLSyntaxProblem: Error, Sendable, CustomStringConvertible {
    /// The line, from 1; nil when libyaml gave no position.
    package let line: Int?
    /// The column (in Unicode scalars), from 1; nil when libyaml gave no position.
    package let column: Int?
    /// What is wrong, e.g. `mapping values are not allowed in this context`.
    package let problem: String

    /// `line 3, column 14: mapping values are not allowed in this context`
    package var description: String {
        guard let line, let column else { return problem }
        return "line \(line), column \(column): \(problem)"
    }

    /// `posbridge.yaml:3:14` or just the file when there is no position.
    package func location(in file: String) -> String {
        guard let line, let column else { return file }
        return "\(file):\(line):\(column)"
    }

    /// The printable part of an error Yams threw while composing `yaml`.
    init(_ error: any Error, yaml: String) {
        guard let error = error as? YamlError else {
            // Yams throws only YamlError; anything else is described by its type alone.
            (line, column, problem) = (nil, nil, "the YAML parser failed (\(type(of: error)))")
            return
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            // libyaml's context and problem texts are fixed phrases ("while scanning a simple key",
            // "could not find expected ':'"); they never quote the file.
            let text = context.map { "\($0.text) (line \($0.mark.line), column \($0.mark.column)): \(problem)" } ?? problem
            (line, column, self.problem) = (mark.line, mark.column, text)
        case let .reader(problem, offset, _, _):
            // The byte value libyaml could not read is left out: it is part of the file.
            let position = offset.map { Self.position(ofCharacter: $0, in: yaml) }
            (line, column, self.problem) = (position?.line, position?.column, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Keys are the file's structure (errors name key paths anyway), never its values.
            (line, column, problem) = (context.mark.line, context.mark.column,
                                       "a mapping has the same key more than once: \(duplicates.sorted().joined(separator: ", "))")
        case .no, .memory, .writer, .emitter, .representer, .dataCouldNotBeDecoded:
            (line, column, problem) = (nil, nil, "the YAML parser failed")
        }
    }

    /// Line and column (from 1, the column in Unicode scalars) of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }
}
