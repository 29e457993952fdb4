import Foundation
@testable import Pipelines
import PosBridgeCore
import TestSupport

/// Builders shared by the pipeline tests.
enum PipelineTestSupport {
    static let smallest = """
        flow: products
        source: { connection: bc }
        target: { connection: lightspeed }

        """

    static func pipeline(_ yaml: String, file: String = "test.yaml", connections: [String: String]? = nil) throws -> Pipeline {
        try PipelineLoader(connections: connections).parse(yaml, file: file)
    }

    static func problems(_ yaml: String, file: String = "test.yaml", connections: [String: String]? = nil) -> [PipelineProblem] {
        PipelineLoader(connections: connections).check(yaml, file: file).problems
    }

    /// A products pipeline with extra YAML after the three required lines.
    static func products(_ extra: String = "") throws -> EffectivePipeline {
        try pipeline(smallest + extra).effective
    }

    static func stock(_ extra: String = "") throws -> EffectivePipeline {
        try pipeline("flow: stock\nsource: { connection: bc }\ntarget: { connection: lightspeed }\n" + extra).effective
    }

    /// A BC product record as the BC connector writes it (`docs/canonical-model.md`).
    static func bcProduct(_ sku: String, type: String = "simple", price: JSONValue = .number(CanonicalNumber("129.9")!),
                          includesTax: Bool = true, blocked: Bool = false, parent: String? = nil,
                          attributes: [String: JSONValue] = ["Material": "Wool"], takesPart: Bool = true) -> SnapshotRecord {
        SnapshotRecord(key: sku, ref: ["bcId": "5b1c0000-0000-0000-0000-000000000001"], fields: [
            "sku": .string(sku), "type": .string(type), "parentSku": parent.map(JSONValue.string) ?? .null,
            "variantCode": parent == nil ? .null : .string(String(sku.split(separator: "\u{1F}").last!)),
            "name": "Hiking jacket", "shortDescription": parent == nil ? .null : "Red, size M",
            "longDescription": parent == nil ? "Warm hiking jacket" : .null, "ean": parent == nil ? "4006381333931" : .null,
            "categoryCode": "JACKETS", "categoryPath": ["Jackets"], "price": price, "priceIncludesTax": .bool(includesTax),
            "currency": .null, "unitOfMeasure": "PCS", "blocked": .bool(blocked), "publish": .null, "takesPart": .bool(takesPart),
            "attributes": .object(attributes),
            "image": parent == nil ? ["contentType": "image/jpeg", "digest": nil, "height": 600, "width": 800] : .null,
        ])
    }

    /// A BC stock record.
    static func bcStock(_ sku: String, _ location: String, inventory: Int, reserved: Int) -> SnapshotRecord {
        SnapshotRecord(key: "\(sku)\u{1F}\(location)", fields: [
            "sku": .string(sku), "location": .string(location), "inventory": .number(CanonicalNumber(inventory)),
            "reserved": .number(CanonicalNumber(reserved)), "available": .number(CanonicalNumber(inventory - reserved)),
        ])
    }

    /// The desired record of one source record, or nil (and the outcome) when it was not mapped.
    static func mapped(_ record: SnapshotRecord, _ pipeline: EffectivePipeline) -> SnapshotRecord? {
        if case .mapped(let desired) = MappingEngine(pipeline: pipeline).map(record, source: "test:1") { return desired }
        return nil
    }

    static func number(_ text: String) -> JSONValue { .number(CanonicalNumber(text)!) }
}
