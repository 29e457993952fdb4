import PosBridgeCore

/// One problem in a pipeline file, at its line and column: `pipelines/products.yaml:7:3: …`.
/// The loader collects every problem of a file instead of stopping at the first.
package struct PipelineProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is (stable, for scripts and tests).
    package enum Kind: String, Sendable, Hashable {
        case yamlSyntax = "yaml-syntax"
        case unknownKey = "unknown-key"
        case missingKey = "missing-key"
        case wrongType = "wrong-type"
        case badValue = "bad-value"
        case unknownField = "unknown-field"
        case unknownTransform = "unknown-transform"
        case unknownTable = "unknown-table"
        case badFilter = "bad-filter"
        case unknownConnection = "unknown-connection"
    }

    /// The pipeline file, as given.
    package var file: String
    /// 1-based line (0 when the problem has no place, e.g. an unreadable file).
    package var line: Int
    /// 1-based column.
    package var column: Int
    package var kind: Kind
    /// One line, naming the key path: `mapping.nmae: "nmae" is not a field of product …`.
    package var message: String

    package init(file: String, line: Int, column: Int, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
        self.message = message
    }

    /// `file:line:col: message`.
    package var description: String { "\(file):\(line):\(column): \(message)" }

    /// The problem as JSON, for `pipeline validate --json`.
    package var json: JSONValue {
        .object([
            "file": .string(file), "line": .number(CanonicalNumber(line)), "column": .number(CanonicalNumber(column)),
            "kind": .string(kind.rawValue), "message": .string(message),
        ])
    }
}

/// A pipeline file that cannot be used, with every problem found in it.
package struct PipelineFileError: PosBridgeError {
    /// Every problem, in file order.
    package let problems: [PipelineProblem]

    package init(problems: [PipelineProblem]) {
        self.problems = problems.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    package var code: String { PipelineErrorKind.invalid.rawValue }

    /// The first problem, and how many more there are.
    package var message: String {
        guard let first = problems.first else { return "the pipeline file has problems" }
        let more = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count == 2 ? "" : "s"); run posbridge pipeline validate)" : ""
        return "\(first)\(more)"
    }
}
