//! How a claimed proof travels from its prover to an aggregator: one HTTP
//! request, `POST {endpoint}/v1/proofs/{request}`, whose body is the SCALE
//! encoding of `(public inputs: Vec<u64>, proof: Vec<u8>)`.
//!
//! The channel needs no authentication of its own: the chain already holds
//! what the proof must be. The prover's `claim_proof` put `blake2_256` of the
//! proof bytes and the output on chain, signed by the prover, so an
//! aggregator accepts exactly the bytes that hash to the claim and carry the
//! claimed public inputs, from whoever sends them, and verifies the proof
//! before it includes it. A forged or altered body is dropped; the worst a
//! stranger can do is send bytes that get dropped, which the body limit and
//! the bounded queue keep cheap.
//!
//! Answers: `202` queued, `400` malformed, `404` another path, `413` too
//! large, `503` queue full (send again later).
//!
//! Both ends bound what a stranger can make them hold: the server takes at
//! most [`MAX_CONNECTIONS`] connections, each for at most
//! [`CONNECTION_TIMEOUT`] (headers within [`HEADER_TIMEOUT`]) and one body of
//! [`MAX_BODY_BYTES`]; the client reads at most [`MAX_ANSWER_BYTES`] of an
//! answer, within [`DELIVERY_TIMEOUT`].

use bytes::Bytes;
use codec::{Decode, Encode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::{body::Incoming, service::service_fn, Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::{net::SocketAddr, sync::Arc, time::Duration};
use tokio::{
	net::TcpListener,
	sync::{mpsc, Semaphore},
};

/// The largest body taken: the market's largest proof and its public
/// inputs, with room to spare.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// How long one delivery may take, connection included.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// The most of an aggregator's answer a prover reads.
pub const MAX_ANSWER_BYTES: usize = 4096;

/// Connections the intake serves at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 64;

/// How long a connection may send its request headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the intake keeps one connection, whatever it does.
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(30);

/// A proof delivered to the aggregator, not checked yet.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Delivered {
	/// The request it proves.
	pub request: u64,
	/// Its public inputs: the input commitment, then the output.
	pub public_inputs: Vec<u64>,
	/// The proof bytes, as `submit_proof` takes them.
	pub proof: Vec<u8>,
}

/// Why a delivery failed.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
	/// The endpoint is not an `http://host:port[/path]` URL.
	#[error("aggregator endpoint {0:?} is not an http://host:port URL")]
	BadEndpoint(String),
	/// The connection or the exchange failed.
	#[error("aggregator at {endpoint} unreachable: {reason}")]
	Unreachable {
		/// The endpoint.
		endpoint: String,
		/// What failed.
		reason: String,
	},
	/// The aggregator answered with an error status.
	#[error("aggregator at {endpoint} refused the proof: {status} {body}")]
	Refused {
		/// The endpoint.
		endpoint: String,
		/// The HTTP status.
		status: u16,
		/// Its explanation.
		body: String,
	},
}

/// Splits `http://host:port[/path]` into the address to connect to and
/// the path prefix (without a trailing `/`).
pub fn parse_endpoint(endpoint: &str) -> Option<(String, String)> {
	let rest = endpoint.strip_prefix("http://")?;
	let (authority, path) = match rest.find('/') {
		Some(at) => (&rest[..at], rest[at..].trim_end_matches('/')),
		None => (rest, ""),
	};
	let (host, port) = authority.rsplit_once(':')?;
	if host.is_empty() || port.parse::<u16>().is_err() {
		return None;
	}
	Some((authority.to_owned(), path.to_owned()))
}

/// Sends `delivered` to the aggregator at `endpoint`.
pub async fn deliver(endpoint: &str, delivered: &Delivered) -> Result<(), DeliveryError> {
	let (authority, prefix) =
		parse_endpoint(endpoint).ok_or_else(|| DeliveryError::BadEndpoint(endpoint.to_owned()))?;
	let unreachable =
		|reason: String| DeliveryError::Unreachable { endpoint: endpoint.to_owned(), reason };
	let exchange = async {
		let stream = tokio::net::TcpStream::connect(&authority)
			.await
			.map_err(|e| unreachable(e.to_string()))?;
		let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
			.await
			.map_err(|e| unreachable(e.to_string()))?;
		tokio::spawn(connection);
		let body = (delivered.public_inputs.clone(), delivered.proof.clone()).encode();
		let request = Request::post(format!("{prefix}/v1/proofs/{}", delivered.request))
			.header(hyper::header::HOST, &authority)
			.header(hyper::header::CONTENT_TYPE, "application/octet-stream")
			.body(Full::new(Bytes::from(body)))
			.map_err(|e| unreachable(e.to_string()))?;
		let response =
			sender.send_request(request).await.map_err(|e| unreachable(e.to_string()))?;
		let status = response.status();
		let text = Limited::new(response.into_body(), MAX_ANSWER_BYTES)
			.collect()
			.await
			.map(|body| String::from_utf8_lossy(&body.to_bytes()).trim().to_owned())
			.unwrap_or_else(|_| format!("(an answer longer than {MAX_ANSWER_BYTES} bytes)"));
		if status.is_success() {
			Ok(())
		} else {
			Err(DeliveryError::Refused {
				endpoint: endpoint.to_owned(),
				status: status.as_u16(),
				body: text,
			})
		}
	};
	tokio::time::timeout(DELIVERY_TIMEOUT, exchange)
		.await
		.unwrap_or_else(|_| Err(unreachable(format!("no answer within {DELIVERY_TIMEOUT:?}"))))
}

/// Serves the intake at `listener`: every well-formed delivery goes to
/// `queue`. Runs until the queue's receiver is dropped.
pub async fn serve(listener: TcpListener, queue: mpsc::Sender<Delivered>) {
	let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
	loop {
		let Ok(slot) = slots.clone().acquire_owned().await else { return };
		let (stream, peer) = match listener.accept().await {
			Ok(accepted) => accepted,
			Err(e) => {
				// Out of file descriptors, say: wait instead of spinning.
				tracing::warn!(error = %e, "accepting a delivery connection failed");
				tokio::time::sleep(Duration::from_millis(100)).await;
				continue;
			}
		};
		if queue.is_closed() {
			return;
		}
		let queue = queue.clone();
		tokio::spawn(async move {
			let service = service_fn(move |request| answer(request, peer, queue.clone()));
			let connection = hyper::server::conn::http1::Builder::new()
				.timer(TokioTimer::new())
				.header_read_timeout(HEADER_TIMEOUT)
				.serve_connection(TokioIo::new(stream), service);
			match tokio::time::timeout(CONNECTION_TIMEOUT, connection).await {
				Ok(Ok(())) => {}
				Ok(Err(e)) => tracing::debug!(%peer, error = %e, "delivery connection failed"),
				Err(_) => tracing::debug!(%peer, "delivery connection cut after its time"),
			}
			drop(slot);
		});
	}
}

/// The request id a path `/…/v1/proofs/{id}` names.
fn request_of(path: &str) -> Option<u64> {
	let (head, id) = path.rsplit_once('/')?;
	head.ends_with("/v1/proofs").then_some(())?;
	id.parse().ok()
}

fn reply(status: StatusCode, text: &str) -> Result<Response<Full<Bytes>>, hyper::Error> {
	let mut response = Response::new(Full::new(Bytes::from(format!("{text}\n"))));
	*response.status_mut() = status;
	Ok(response)
}

async fn answer(
	request: Request<Incoming>,
	peer: SocketAddr,
	queue: mpsc::Sender<Delivered>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
	let Some(id) = request_of(request.uri().path()).filter(|_| request.method() == Method::POST)
	else {
		return reply(StatusCode::NOT_FOUND, "POST /v1/proofs/{request} only");
	};
	let body = match Limited::new(request.into_body(), MAX_BODY_BYTES).collect().await {
		Ok(body) => body.to_bytes(),
		Err(_) => {
			return reply(
				StatusCode::PAYLOAD_TOO_LARGE,
				&format!("a body is at most {MAX_BODY_BYTES} bytes"),
			)
		}
	};
	let Ok((public_inputs, proof)) = <(Vec<u64>, Vec<u8>)>::decode(&mut &body[..]) else {
		return reply(StatusCode::BAD_REQUEST, "the body is not SCALE (Vec<u64>, Vec<u8>)");
	};
	tracing::debug!(%peer, request = id, bytes = proof.len(), "proof delivered");
	match queue.try_send(Delivered { request: id, public_inputs, proof }) {
		Ok(()) => reply(StatusCode::ACCEPTED, "queued"),
		Err(mpsc::error::TrySendError::Full(_)) => {
			reply(StatusCode::SERVICE_UNAVAILABLE, "queue full; send again later")
		}
		Err(mpsc::error::TrySendError::Closed(_)) => {
			reply(StatusCode::SERVICE_UNAVAILABLE, "the aggregator is stopping")
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn endpoints_are_parsed_or_refused() {
		assert_eq!(
			parse_endpoint("http://127.0.0.1:9955"),
			Some(("127.0.0.1:9955".into(), "".into()))
		);
		assert_eq!(
			parse_endpoint("http://agg.example:80/prova/"),
			Some(("agg.example:80".into(), "/prova".into()))
		);
		assert_eq!(parse_endpoint("https://127.0.0.1:9955"), None);
		assert_eq!(parse_endpoint("http://127.0.0.1"), None);
		assert_eq!(parse_endpoint("http://:80"), None);
		assert_eq!(request_of("/v1/proofs/17"), Some(17));
		assert_eq!(request_of("/prova/v1/proofs/3"), Some(3));
		assert_eq!(request_of("/v1/proofs/x"), None);
		assert_eq!(request_of("/v1/other/3"), None);
	}

	#[tokio::test]
	async fn a_delivery_reaches_the_queue_and_bad_ones_are_refused() {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let endpoint = format!("http://{}", listener.local_addr().unwrap());
		let (tx, mut rx) = mpsc::channel(1);
		tokio::spawn(serve(listener, tx));
		let delivered =
			Delivered { request: 7, public_inputs: vec![1, 2, 3], proof: vec![9; 1000] };
		deliver(&endpoint, &delivered).await.unwrap();
		assert_eq!(rx.recv().await.unwrap(), delivered);

		// The queue holds one: the second waits, the third is told to retry.
		deliver(&endpoint, &delivered).await.unwrap();
		let full = deliver(&endpoint, &delivered).await.unwrap_err();
		assert!(matches!(full, DeliveryError::Refused { status: 503, .. }), "{full}");

		// Refused with 413, or cut off while still sending: never queued.
		rx.recv().await.unwrap();
		let too_big = Delivered { proof: vec![0; MAX_BODY_BYTES + 1], ..delivered.clone() };
		assert!(deliver(&endpoint, &too_big).await.is_err());
		assert!(rx.try_recv().is_err());

		let unreachable = deliver("http://127.0.0.1:1", &delivered).await.unwrap_err();
		assert!(matches!(unreachable, DeliveryError::Unreachable { .. }), "{unreachable}");
		let bad = deliver("ftp://x", &delivered).await.unwrap_err();
		assert!(matches!(bad, DeliveryError::BadEndpoint(_)), "{bad}");
	}
}
