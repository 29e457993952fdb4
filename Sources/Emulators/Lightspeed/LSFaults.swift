import Foundation
import PosBridgeCore

/// The switchable faults: the BC emulator's (`rateLimit`, `failNext`, `delayMs`, `dropNext`, `pathContains`,
/// same JSON shape) with Lightspeed error bodies, plus a `bucket` section tuning the leaky bucket:
/// `{"bucket":{"size":90,"dripRate":1,"level":85,"burstLimit":20}}` (`level` only on writes).
package final class LSFaults: Sendable {
    /// The BC-shaped injector doing the counting.
    let injector: BCFaultInjector
    /// The leaky bucket.
    package let bucket: LSBucket
    private let initialBucket: LSBucket.Settings

    /// Makes the faults from the options.
    package init(options: LSEmulatorOptions) {
        injector = BCFaultInjector(settings: options.faults, clock: options.clock)
        initialBucket = LSBucket.Settings(size: options.bucketSize, dripRate: options.dripRate, burstLimit: options.burstLimit)
        bucket = LSBucket(size: options.bucketSize, dripRate: options.dripRate, burstLimit: options.burstLimit, clock: options.clock)
    }

    /// The decision for one API request; injected errors carry Lightspeed's body and, for 429, its headers.
    func decide(target: String) -> BCFaultInjector.Decision {
        switch injector.decide(target: target) {
        case .respond(let odata):
            var headers = odata.headers.filter { $0.0 == "Retry-After" }
            if odata.status == 429 { headers.append(("X-LS-API-RateLimit-Type", "api-leaky-bucket")) }
            let message = odata.status == 429 ? "Injected fault: rate limit exceeded." : "Injected fault: the service is unavailable."
            return .respond(LSError(odata.status, message, headers: headers).response)
        case let other: return other
        }
    }

    /// The JSON form for `GET /_emulator/faults`.
    package var json: JSONValue {
        guard case .object(var members) = injector.settings.json else { return .null }
        let settings = bucket.settings
        members["bucket"] = [
            "size": .number(CanonicalNumber(LSWireFormat.decimal(settings.size)) ?? CanonicalNumber(0)),
            "dripRate": .number(CanonicalNumber(LSWireFormat.decimal(settings.dripRate)) ?? CanonicalNumber(0)),
            "level": .number(CanonicalNumber(LSWireFormat.decimal(bucket.level)) ?? CanonicalNumber(0)),
            "burstLimit": .number(CanonicalNumber(settings.burstLimit)),
        ]
        return .object(members)
    }

    /// Applies a `POST /_emulator/faults` body: the BC members replace the faults; `bucket` tunes the bucket.
    func replace(_ json: JSONValue) throws(LSError) {
        guard var members = json.objectValue else { throw LSError(400, "Fault settings must be a JSON object.") }
        if let bucketJSON = members.removeValue(forKey: "bucket"), bucketJSON != .null {
            guard let fields = bucketJSON.objectValue else { throw LSError(400, "Fault setting 'bucket' must be an object.") }
            var settings = bucket.settings
            var level: Double?
            for (name, value) in fields {
                guard case .number(let number) = value, let double = Double(number.text), double >= 0 else {
                    throw LSError(400, "Bucket setting '\(name)' must be a number ≥ 0.")
                }
                switch name {
                case "size": settings.size = double
                case "dripRate": settings.dripRate = double
                case "level": level = double
                case "burstLimit": settings.burstLimit = Int(double)
                default: throw LSError(400, "Unknown bucket setting '\(name)'.")
                }
            }
            bucket.configure(settings, level: level)
        }
        do {
            injector.replace(try BCFaultSettings(json: .object(members)))
        } catch {
            throw LSError(400, error.message)
        }
    }

    /// No faults (as the BC emulator's DELETE) and an empty bucket of the start-up size.
    func reset() {
        injector.replace(BCFaultSettings())
        bucket.configure(initialBucket, level: 0)
    }
}
