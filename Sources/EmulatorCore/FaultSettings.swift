import Foundation
import PosBridgeCore

/// The switchable faults: rate limiting, failing or dropping the next requests, slow responses.
/// JSON form (admin endpoint): `{"rateLimit":{"requests":N,"windowSeconds":S,"retryAfter":T},
/// "failNext":{"status":503,"count":2,"retryAfter":1},"delayMs":M,"dropNext":K,"pathContains":"salesOrders"}`;
/// absent members are off; with `pathContains` only requests whose path and query contain it are affected or counted.
package struct FaultSettings: Sendable, Equatable {
    /// 429 once more than `requests` were accepted within a sliding `windowSeconds`.
    package struct RateLimit: Sendable, Equatable {
        /// Requests accepted per window.
        package var requests: Int
        /// The sliding window length.
        package var windowSeconds: Int
        /// Seconds sent in `Retry-After`.
        package var retryAfter: Int
        /// Makes a rate limit.
        package init(requests: Int, windowSeconds: Int, retryAfter: Int) {
            self.requests = requests
            self.windowSeconds = windowSeconds
            self.retryAfter = retryAfter
        }
    }

    /// The next `count` API requests answer `status`.
    package struct FailNext: Sendable, Equatable {
        /// The HTTP status to answer.
        package var status: Int
        /// How many requests still fail.
        package var count: Int
        /// Seconds sent in `Retry-After`.
        package var retryAfter: Int
        /// Makes a failure burst.
        package init(status: Int, count: Int, retryAfter: Int = 1) {
            self.status = status
            self.count = count
            self.retryAfter = retryAfter
        }
    }

    /// Rate limiting, if on.
    package var rateLimit: RateLimit?
    /// Failing the next requests, if on.
    package var failNext: FailNext?
    /// Milliseconds added before every API response.
    package var delayMs = 0
    /// The next this-many API requests get their connection closed without an answer.
    package var dropNext = 0
    /// When set, faults apply only to requests whose path (with query) contains this text.
    package var pathContains: String?

    /// A fault-settings body that cannot be used; the emulator answers 400 with `message`.
    package struct Problem: Error, Sendable {
        /// What is wrong, naming the setting.
        package var message: String
    }

    /// No faults.
    package init() {}

    /// Reads the JSON form; unknown members are refused so typos do not silently disable a fault.
    package init(json: JSONValue) throws(Problem) {
        guard let members = json.objectValue else { throw Problem(message: "Fault settings must be a JSON object.") }
        for (name, value) in members {
            switch name {
            case "rateLimit":
                guard value != .null else { continue }
                rateLimit = RateLimit(
                    requests: try Self.int(value, "requests"), windowSeconds: try Self.int(value, "windowSeconds"),
                    retryAfter: (try? Self.int(value, "retryAfter")) ?? 1)
            case "failNext":
                guard value != .null else { continue }
                failNext = FailNext(status: try Self.int(value, "status"), count: try Self.int(value, "count"), retryAfter: (try? Self.int(value, "retryAfter")) ?? 1)
            case "delayMs": delayMs = try Self.int(["v": value], "v")
            case "dropNext": dropNext = try Self.int(["v": value], "v")
            case "pathContains":
                guard value != .null else { continue }
                guard let text = value.stringValue, !text.isEmpty else { throw Problem(message: "Fault setting 'pathContains' must be a non-empty string.") }
                pathContains = text
            default: throw Problem(message: "Unknown fault setting '\(name)'.")
            }
        }
    }

    /// The JSON form.
    package var json: JSONValue {
        var out: [String: JSONValue] = ["delayMs": .number(CanonicalNumber(delayMs)), "dropNext": .number(CanonicalNumber(dropNext))]
        out["pathContains"] = pathContains.map { .string($0) } ?? .null
        out["rateLimit"] = rateLimit.map {
            ["requests": .number(CanonicalNumber($0.requests)), "windowSeconds": .number(CanonicalNumber($0.windowSeconds)), "retryAfter": .number(CanonicalNumber($0.retryAfter))]
        } ?? .null
        out["failNext"] = failNext.map {
            ["status": .number(CanonicalNumber($0.status)), "count": .number(CanonicalNumber($0.count)), "retryAfter": .number(CanonicalNumber($0.retryAfter))]
        } ?? .null
        return .object(out)
    }

    private static func int(_ object: JSONValue, _ name: String) throws(Problem) -> Int {
        guard case .number(let number)? = object.objectValue?[name], let value = Int(number.text), value >= 0 else {
            throw Problem(message: "Fault setting '\(name)' must be a whole number ≥ 0.")
        }
        return value
    }
}
