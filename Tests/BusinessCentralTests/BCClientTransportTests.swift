import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import PosBridgeHTTP
import Testing
@testable import BusinessCentral

/// The AsyncHTTPClient transport against a loopback HTTP server that echoes what it received.
@Suite struct BCClientTransportTests {
    /// Answers every request with 503, `Retry-After: 3` and a body describing the request.
    final class EchoHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        private var head: HTTPRequestHead?
        private var body: [UInt8] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let payload = "\(head.method.rawValue) \(head.uri) auth=\(head.headers["Authorization"].first ?? "-")"
                    + " intent=\(head.headers["Data-Access-Intent"].first ?? "-") body=\(String(decoding: body, as: UTF8.self))"
                var headers = HTTPHeaders()
                headers.add(name: "Retry-After", value: "3")
                headers.add(name: "Content-Length", value: "\(payload.utf8.count)")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .serviceUnavailable,
                                                                    headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: payload)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }

    @Test func sendsMethodURLHeadersAndBodyAndReturnsTheResponseAsReceived() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(EchoHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let transport = APIClientTransport(timeout: .seconds(10), maxBodyBytes: 1 << 20)
        do {
            let response = try await transport.send(APIRequest(
                method: .patch, url: "http://127.0.0.1:\(port)/bc/api/v2.0/items(1)?$filter=a%20eq%20'b'",
                headers: ["Authorization": "Bearer t", "Data-Access-Intent": "ReadOnly"], body: Array(#"{"x":1}"#.utf8)))
            #expect(response.status == 503)
            #expect(response.headers["retry-after"] == "3")
            #expect(String(decoding: response.body, as: UTF8.self)
                == #"PATCH /bc/api/v2.0/items(1)?$filter=a%20eq%20'b' auth=Bearer t intent=ReadOnly body={"x":1}"#)

            try await server.close()
            // Nothing listens on port 1: no response, so the transport throws.
            await #expect(throws: (any Error).self) {
                _ = try await transport.send(APIRequest(method: .get, url: "http://127.0.0.1:1/gone"))
            }
        } catch {
            try? await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
    }
}
