//! Adapters, the device, and the few operations every kernel needs.
//!
//! wgpu reports every adapter of every backend, software ones included
//! (Mesa's lavapipe shows up as a `Cpu` device on any Linux machine with
//! Vulkan). Proving on a software adapter is slower than plonky2 on the same
//! cores, so [`Gpu::open`] takes a hardware GPU unless the caller allows
//! software explicitly, as the tests and CI do.
//!
//! Kernels are WGSL compute shaders. Each is compiled with a prelude: the
//! shared helpers (`common.wgsl`) and the Goldilocks arithmetic, either on
//! native 64-bit integers when the adapter has `SHADER_INT64`
//! (`field_u64.wgsl`) or on pairs of 32-bit integers otherwise
//! (`field_u32.wgsl`). Both expose the same functions (`fe_add`, `fe_mul`, …)
//! on an `Fe` type, so a kernel is written once.
//!
//! Reads from the device go through a ring of two reusable staging buffers:
//! a large read is cut into pieces, the copy of the next piece runs on the
//! device while the host copies the last one out, straight into the
//! caller's layout and in parallel. [`TransferStats`] counts the bytes, the
//! submissions and the staging buffers, so a change that moves more data
//! shows in a test without a GPU.
//!
//! wgpu panics on errors nobody captures. [`Gpu`] installs a handler that
//! records them instead, and allocations run inside error scopes, so a failed
//! allocation or a lost device becomes a [`GpuError`] the caller can answer by
//! proving on the CPU.

use std::{
	collections::HashMap,
	fmt,
	num::NonZeroU64,
	sync::{
		atomic::{AtomicU64, Ordering},
		mpsc, Arc, Mutex,
	},
};
use wgpu::util::DeviceExt;

const COMMON_WGSL: &str = include_str!("shaders/common.wgsl");
const FIELD_U64_WGSL: &str = include_str!("shaders/field_u64.wgsl");
const FIELD_U32_WGSL: &str = include_str!("shaders/field_u32.wgsl");

/// Threads per workgroup of every kernel (`WG` in `common.wgsl`).
pub const WORKGROUP_SIZE: u64 = 64;
/// Workgroups per dispatch dimension that every adapter supports.
const MAX_GROUPS_PER_DIMENSION: u64 = 65_535;

/// Why the GPU could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum GpuError {
	/// No adapter fits the request.
	#[error("no usable GPU adapter: {0}")]
	NoAdapter(String),
	/// The adapter refused to open a device.
	#[error("cannot open a device on {adapter}: {reason}")]
	Device {
		/// The adapter's name.
		adapter: String,
		/// What wgpu said.
		reason: String,
	},
	/// A buffer larger than the adapter allows.
	#[error("a {bytes}-byte buffer exceeds the adapter's limit of {limit} bytes")]
	TooLarge {
		/// Bytes asked for.
		bytes: u64,
		/// The limit.
		limit: u64,
	},
	/// Allocation failed or a command was invalid; wgpu's message.
	#[error("GPU error: {0}")]
	Wgpu(String),
	/// Reading a buffer back failed.
	#[error("reading back from the GPU failed: {0}")]
	Readback(String),
}

/// Which arithmetic the kernels use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arithmetic {
	/// Native 64-bit integers (`SHADER_INT64`).
	Int64,
	/// Pairs of 32-bit integers: any adapter.
	U32Pair,
}

/// An adapter as `prova-prover devices` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdapterSummary {
	/// The adapter's name, e.g. "NVIDIA H100 80GB HBM3" or "llvmpipe (LLVM 15.0.6, 256 bits)".
	pub name: String,
	/// The graphics API: Vulkan, Metal or DX12.
	pub backend: String,
	/// Discrete, integrated, virtual, CPU (software) or other.
	pub device_type: String,
	/// The driver and its version.
	pub driver: String,
	/// Whether it is a discrete or integrated GPU: what `auto` selection
	/// takes. Virtual, software (lavapipe) and unknown adapters are used only
	/// when asked for.
	pub hardware: bool,
	/// Whether kernels can use native 64-bit integers.
	pub shader_int64: bool,
	/// Largest storage-buffer binding, in bytes.
	pub max_storage_binding: u64,
	/// Largest buffer, in bytes.
	pub max_buffer: u64,
	/// Most invocations in one workgroup.
	pub max_invocations_per_workgroup: u32,
}

impl AdapterSummary {
	fn of(adapter: &wgpu::Adapter) -> Self {
		let info = adapter.get_info();
		let limits = adapter.limits();
		AdapterSummary {
			name: info.name,
			backend: format!("{:?}", info.backend),
			device_type: format!("{:?}", info.device_type),
			driver: [info.driver, info.driver_info]
				.into_iter()
				.filter(|s| !s.is_empty())
				.collect::<Vec<_>>()
				.join(" "),
			hardware: matches!(
				info.device_type,
				wgpu::DeviceType::DiscreteGpu | wgpu::DeviceType::IntegratedGpu
			),
			shader_int64: adapter.features().contains(wgpu::Features::SHADER_INT64),
			max_storage_binding: limits.max_storage_buffer_binding_size,
			max_buffer: limits.max_buffer_size,
			max_invocations_per_workgroup: limits.max_compute_invocations_per_workgroup,
		}
	}
}

impl fmt::Display for AdapterSummary {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"{} ({}, {}, {}; int64 {}, binding {} MiB, buffer {} MiB)",
			self.name,
			self.device_type,
			self.backend,
			self.driver,
			if self.shader_int64 { "yes" } else { "no" },
			self.max_storage_binding >> 20,
			self.max_buffer >> 20,
		)
	}
}

/// How to pick and drive an adapter.
#[derive(Clone, Debug, Default)]
pub struct GpuOptions {
	/// Accept an adapter that is not a discrete or integrated GPU (a software
	/// one such as lavapipe, a virtual one) when no such GPU exists.
	pub allow_software: bool,
	/// Only adapters whose name contains this (case-insensitive).
	pub adapter_name: Option<String>,
	/// Use 32-bit arithmetic even where 64-bit integers exist (tests).
	pub force_u32: bool,
	/// Treat storage bindings as at most this many bytes (tests of splitting).
	pub max_binding: Option<u64>,
	/// Bytes of each of the two staging buffers reads go through
	/// [default: 64 MiB]; tests use small ones to exercise the ring.
	pub staging_bytes: Option<u64>,
}

/// Default size of each staging buffer: large enough that a piece's fixed
/// costs (a submission, a map) vanish beside its copy, small enough to cost
/// nothing to keep.
const STAGING_BYTES: u64 = 64 << 20;

/// Host–device traffic since the GPU was opened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TransferStats {
	/// Bytes read back from the device.
	pub bytes_read: u64,
	/// Bytes written to the device.
	pub bytes_written: u64,
	/// Copy submissions made for reads.
	pub read_submissions: u64,
	/// Staging buffers ever created (the ring makes two, once).
	pub staging_buffers: u64,
}

#[derive(Default)]
struct Counters {
	bytes_read: AtomicU64,
	bytes_written: AtomicU64,
	read_submissions: AtomicU64,
	staging_buffers: AtomicU64,
}

fn instance() -> wgpu::Instance {
	let mut desc = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
	// GL and WebGPU have no 64-bit integers and add nothing for compute.
	desc.backends &= wgpu::Backends::VULKAN | wgpu::Backends::METAL | wgpu::Backends::DX12;
	wgpu::Instance::new(desc)
}

/// Preference order: discrete, integrated, virtual, other, software.
fn rank(device_type: wgpu::DeviceType) -> u8 {
	match device_type {
		wgpu::DeviceType::DiscreteGpu => 0,
		wgpu::DeviceType::IntegratedGpu => 1,
		wgpu::DeviceType::VirtualGpu => 2,
		wgpu::DeviceType::Other => 3,
		wgpu::DeviceType::Cpu => 4,
	}
}

fn adapters() -> Vec<(wgpu::Adapter, AdapterSummary)> {
	let instance = instance();
	let found = futures::executor::block_on(instance.enumerate_adapters(wgpu::Backends::all()));
	let mut found: Vec<_> = found
		.into_iter()
		.map(|adapter| {
			let summary = AdapterSummary::of(&adapter);
			(adapter, summary)
		})
		.collect();
	found.sort_by_key(|(adapter, _)| rank(adapter.get_info().device_type));
	found
}

/// Every compute adapter wgpu finds (Vulkan, Metal, DX12), best first.
pub fn list_adapters() -> Vec<AdapterSummary> {
	adapters().into_iter().map(|(_, summary)| summary).collect()
}

/// A compiled kernel: its pipeline and the layout its bindings follow.
pub struct Kernel {
	pipeline: wgpu::ComputePipeline,
	layout: wgpu::BindGroupLayout,
	storage_bindings: u32,
	name: String,
}

/// A storage binding: a whole buffer or a byte range of one.
#[derive(Clone, Copy)]
pub struct Binding<'a> {
	/// The buffer.
	pub buffer: &'a wgpu::Buffer,
	/// Start, in bytes (a multiple of 256).
	pub offset: u64,
	/// Length in bytes; `None` for the rest of the buffer.
	pub size: Option<u64>,
}

impl<'a> From<&'a wgpu::Buffer> for Binding<'a> {
	fn from(buffer: &'a wgpu::Buffer) -> Self {
		Binding { buffer, offset: 0, size: None }
	}
}

impl<'a> Binding<'a> {
	/// `len` bytes of `buffer` from `offset`.
	pub fn range(buffer: &'a wgpu::Buffer, offset: u64, len: u64) -> Self {
		Binding { buffer, offset, size: Some(len) }
	}
}

/// An open device on one adapter, with its compiled kernels.
pub struct Gpu {
	device: wgpu::Device,
	queue: wgpu::Queue,
	summary: AdapterSummary,
	arithmetic: Arithmetic,
	max_binding: u64,
	max_buffer: u64,
	kernels: Mutex<HashMap<(String, &'static str), Arc<Kernel>>>,
	/// Errors that escaped every error scope, in order.
	uncaptured: Arc<Mutex<Vec<String>>>,
	/// The two staging buffers of reads, made on the first read.
	staging: Mutex<Vec<wgpu::Buffer>>,
	staging_bytes: u64,
	counters: Counters,
}

impl Gpu {
	/// Opens the best adapter `options` allow: a hardware GPU, or a software
	/// one only when `allow_software` is set.
	pub fn open(options: &GpuOptions) -> Result<Gpu, GpuError> {
		let all = adapters();
		if all.is_empty() {
			return Err(GpuError::NoAdapter(
				"wgpu found no Vulkan, Metal or DX12 adapter (is a Vulkan driver installed?)"
					.into(),
			));
		}
		let wanted = options.adapter_name.as_ref().map(|name| name.to_lowercase());
		let Some((adapter, summary)) = all.iter().find(|(_, summary)| {
			(summary.hardware || options.allow_software)
				&& wanted.as_ref().is_none_or(|name| summary.name.to_lowercase().contains(name))
		}) else {
			let seen: Vec<String> = all.iter().map(|(_, s)| s.to_string()).collect();
			return Err(GpuError::NoAdapter(format!(
				"none of the adapters fits (hardware only: {}{}); found: {}",
				!options.allow_software,
				wanted.map(|n| format!(", name containing {n:?}")).unwrap_or_default(),
				seen.join("; ")
			)));
		};
		let arithmetic = if summary.shader_int64 && !options.force_u32 {
			Arithmetic::Int64
		} else {
			Arithmetic::U32Pair
		};
		let required_features = match arithmetic {
			Arithmetic::Int64 => wgpu::Features::SHADER_INT64,
			Arithmetic::U32Pair => wgpu::Features::empty(),
		};
		let limits = adapter.limits();
		let (device, queue) =
			futures::executor::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
				label: Some("prova-gpu"),
				required_features,
				required_limits: limits.clone(),
				..Default::default()
			}))
			.map_err(|e| GpuError::Device {
				adapter: summary.name.clone(),
				reason: e.to_string(),
			})?;
		let uncaptured = Arc::new(Mutex::new(Vec::new()));
		let sink = uncaptured.clone();
		device.on_uncaptured_error(Arc::new(move |error: wgpu::Error| {
			tracing::error!(%error, "GPU error");
			sink.lock().expect("not poisoned").push(error.to_string());
		}));
		let max_binding = options
			.max_binding
			.unwrap_or(u64::MAX)
			.min(limits.max_storage_buffer_binding_size)
			.min(limits.max_buffer_size);
		tracing::info!(adapter = %summary, ?arithmetic, "GPU opened");
		Ok(Gpu {
			device,
			queue,
			summary: summary.clone(),
			arithmetic,
			max_binding,
			max_buffer: limits.max_buffer_size,
			kernels: Mutex::default(),
			uncaptured,
			staging: Mutex::default(),
			// A multiple of 8 (whole words) and within a buffer.
			staging_bytes: (options
				.staging_bytes
				.unwrap_or(STAGING_BYTES)
				.min(limits.max_buffer_size)
				& !7)
				.max(8),
			counters: Counters::default(),
		})
	}

	/// The adapter in use.
	pub fn adapter(&self) -> &AdapterSummary {
		&self.summary
	}

	/// The arithmetic the kernels use.
	pub fn arithmetic(&self) -> Arithmetic {
		self.arithmetic
	}

	/// Largest storage binding, in bytes: one kernel sees at most this much of a buffer.
	pub fn max_binding(&self) -> u64 {
		self.max_binding
	}

	/// Compiles (once per `name` and `entry`) the kernel `entry` of `source`,
	/// a WGSL module that uses the prelude and declares a uniform `params` at
	/// binding 0 followed by `storage_bindings` read-write storage buffers at
	/// bindings 1, 2, ….
	pub fn kernel(
		&self,
		name: &str,
		source: &str,
		entry: &'static str,
		storage_bindings: u32,
	) -> Result<Arc<Kernel>, GpuError> {
		let mut kernels = self.kernels.lock().expect("not poisoned");
		if let Some(kernel) = kernels.get(&(name.to_owned(), entry)) {
			return Ok(kernel.clone());
		}
		let field = match self.arithmetic {
			Arithmetic::Int64 => FIELD_U64_WGSL,
			Arithmetic::U32Pair => FIELD_U32_WGSL,
		};
		let code = format!("{COMMON_WGSL}\n{field}\n{source}");
		let scope = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
		let module = self.device.create_shader_module(wgpu::ShaderModuleDescriptor {
			label: Some(name),
			source: wgpu::ShaderSource::Wgsl(code.into()),
		});
		let mut entries = vec![wgpu::BindGroupLayoutEntry {
			binding: 0,
			visibility: wgpu::ShaderStages::COMPUTE,
			ty: wgpu::BindingType::Buffer {
				ty: wgpu::BufferBindingType::Uniform,
				has_dynamic_offset: false,
				min_binding_size: None,
			},
			count: None,
		}];
		entries.extend((1..=storage_bindings).map(|binding| wgpu::BindGroupLayoutEntry {
			binding,
			visibility: wgpu::ShaderStages::COMPUTE,
			ty: wgpu::BindingType::Buffer {
				ty: wgpu::BufferBindingType::Storage { read_only: false },
				has_dynamic_offset: false,
				min_binding_size: None,
			},
			count: None,
		}));
		let layout = self.device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
			label: Some(name),
			entries: &entries,
		});
		let pipeline_layout = self.device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
			label: Some(name),
			bind_group_layouts: &[Some(&layout)],
			immediate_size: 0,
		});
		let pipeline = self.device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
			label: Some(name),
			layout: Some(&pipeline_layout),
			module: &module,
			entry_point: Some(entry),
			compilation_options: Default::default(),
			cache: None,
		});
		if let Some(error) = futures::executor::block_on(scope.pop()) {
			return Err(GpuError::Wgpu(format!("kernel {name}::{entry}: {error}")));
		}
		let kernel = Arc::new(Kernel { pipeline, layout, storage_bindings, name: name.to_owned() });
		kernels.insert((name.to_owned(), entry), kernel.clone());
		Ok(kernel)
	}

	/// A zeroed storage buffer of `bytes` bytes.
	pub fn buffer(&self, label: &str, bytes: u64) -> Result<wgpu::Buffer, GpuError> {
		self.allocate(
			|device| {
				device.create_buffer(&wgpu::BufferDescriptor {
					label: Some(label),
					size: bytes.max(8),
					usage: wgpu::BufferUsages::STORAGE
						| wgpu::BufferUsages::COPY_SRC
						| wgpu::BufferUsages::COPY_DST,
					mapped_at_creation: false,
				})
			},
			bytes,
		)
	}

	/// A storage buffer holding `words`.
	pub fn upload(&self, label: &str, words: &[u64]) -> Result<wgpu::Buffer, GpuError> {
		let buffer = self.buffer(label, (words.len() as u64) * 8)?;
		self.write(&buffer, 0, words);
		Ok(buffer)
	}

	/// Writes `words` into `buffer` at byte `offset`.
	pub fn write(&self, buffer: &wgpu::Buffer, offset: u64, words: &[u64]) {
		if !words.is_empty() {
			self.counters.bytes_written.fetch_add(words.len() as u64 * 8, Ordering::Relaxed);
			self.queue.write_buffer(buffer, offset, bytemuck::cast_slice(words));
		}
	}

	/// Host–device traffic since the GPU was opened.
	pub fn transfer_stats(&self) -> TransferStats {
		let c = &self.counters;
		TransferStats {
			bytes_read: c.bytes_read.load(Ordering::Relaxed),
			bytes_written: c.bytes_written.load(Ordering::Relaxed),
			read_submissions: c.read_submissions.load(Ordering::Relaxed),
			staging_buffers: c.staging_buffers.load(Ordering::Relaxed),
		}
	}

	fn allocate(
		&self,
		create: impl FnOnce(&wgpu::Device) -> wgpu::Buffer,
		bytes: u64,
	) -> Result<wgpu::Buffer, GpuError> {
		if bytes > self.max_buffer {
			return Err(GpuError::TooLarge { bytes, limit: self.max_buffer });
		}
		let memory = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
		let validation = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
		let buffer = create(&self.device);
		let invalid = futures::executor::block_on(validation.pop());
		let oom = futures::executor::block_on(memory.pop());
		match invalid.or(oom) {
			Some(error) => Err(GpuError::Wgpu(format!("allocating {bytes} bytes: {error}"))),
			None => Ok(buffer),
		}
	}

	/// Starts recording dispatches; [`Gpu::submit`] runs them in order.
	pub fn batch(&self) -> Batch<'_> {
		Batch {
			gpu: self,
			encoder: self
				.device
				.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("batch") }),
		}
	}

	/// Runs a recorded batch (asynchronously: reads wait for it).
	pub fn submit(&self, batch: Batch<'_>) -> Result<(), GpuError> {
		self.queue.submit([batch.encoder.finish()]);
		self.check()
	}

	/// Reads `words` 64-bit words of `buffer` from byte `offset`, after every
	/// submitted batch has finished.
	pub fn read(
		&self,
		buffer: &wgpu::Buffer,
		offset: u64,
		words: usize,
	) -> Result<Vec<u64>, GpuError> {
		let mut out = vec![0u64; words];
		self.read_with(buffer, offset, words, |at, piece| {
			out[at..at + piece.len()].copy_from_slice(piece)
		})?;
		Ok(out)
	}

	/// Reads `words` 64-bit words of `buffer` from byte `offset` (after every
	/// submitted batch) through the staging ring, handing each piece to
	/// `sink` with its first word's index, in order. While `sink` copies one
	/// piece, the device copies the next into the other staging buffer.
	pub fn read_with(
		&self,
		buffer: &wgpu::Buffer,
		offset: u64,
		words: usize,
		mut sink: impl FnMut(usize, &[u64]),
	) -> Result<(), GpuError> {
		if words == 0 {
			return Ok(());
		}
		let mut ring = self.staging.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		while ring.len() < 2 {
			let staging = self.allocate(
				|device| {
					device.create_buffer(&wgpu::BufferDescriptor {
						label: Some("staging"),
						size: self.staging_bytes,
						usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
						mapped_at_creation: false,
					})
				},
				self.staging_bytes,
			)?;
			self.counters.staging_buffers.fetch_add(1, Ordering::Relaxed);
			ring.push(staging);
		}
		let piece_words = (self.staging_bytes / 8) as usize;
		let pieces = words.div_ceil(piece_words);
		let span = |i: usize| (i * piece_words, ((i + 1) * piece_words).min(words));
		// Starts the copy of piece `i` into its slot of the ring and asks for
		// the slot to be mapped once the copy is done.
		type Mapped = mpsc::Receiver<Result<(), wgpu::BufferAsyncError>>;
		let start = |i: usize| -> (wgpu::SubmissionIndex, Mapped) {
			let (first, end) = span(i);
			let bytes = ((end - first) * 8) as u64;
			let staging = &ring[i % 2];
			let mut encoder = self.device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
				label: Some("readback"),
			});
			encoder.copy_buffer_to_buffer(buffer, offset + first as u64 * 8, staging, 0, bytes);
			let submission = self.queue.submit([encoder.finish()]);
			self.counters.read_submissions.fetch_add(1, Ordering::Relaxed);
			let (sender, receiver) = mpsc::channel();
			staging.slice(..bytes).map_async(wgpu::MapMode::Read, move |result| {
				let _ = sender.send(result);
			});
			(submission, receiver)
		};
		let mut in_flight = std::collections::VecDeque::new();
		let mut stream = || -> Result<(), GpuError> {
			in_flight.push_back(start(0));
			for i in 0..pieces {
				if i + 1 < pieces {
					in_flight.push_back(start(i + 1));
				}
				let (submission, mapped) = in_flight.pop_front().expect("piece i was started");
				let (first, end) = span(i);
				let bytes = ((end - first) * 8) as u64;
				// Waits for piece i only: piece i + 1's copy keeps the device busy.
				self.device
					.poll(wgpu::PollType::Wait {
						submission_index: Some(submission),
						timeout: None,
					})
					.map_err(|e| GpuError::Readback(e.to_string()))?;
				self.check()?;
				let result = match mapped.try_recv() {
					Ok(result) => result,
					// The callback runs at a poll after the copy; make sure one ran.
					Err(_) => {
						self.device
							.poll(wgpu::PollType::wait_indefinitely())
							.map_err(|e| GpuError::Readback(e.to_string()))?;
						mapped.recv().map_err(|e| GpuError::Readback(e.to_string()))?
					}
				};
				result.map_err(|e| GpuError::Readback(e.to_string()))?;
				let staging = &ring[i % 2];
				{
					let slice = staging.slice(..bytes);
					let view =
						slice.get_mapped_range().map_err(|e| GpuError::Readback(e.to_string()))?;
					sink(first, bytemuck::cast_slice::<u8, u64>(&view));
				}
				staging.unmap();
				self.counters.bytes_read.fetch_add(bytes, Ordering::Relaxed);
			}
			Ok(())
		};
		let streamed = stream();
		if streamed.is_err() {
			// A buffer may be left mapped or waiting to be: new ones next time.
			drop(in_flight);
			ring.clear();
		}
		streamed
	}

	/// Turns errors wgpu reported outside any scope into a `GpuError`.
	fn check(&self) -> Result<(), GpuError> {
		let mut errors = self.uncaptured.lock().expect("not poisoned");
		if errors.is_empty() {
			Ok(())
		} else {
			Err(GpuError::Wgpu(std::mem::take(&mut *errors).join("; ")))
		}
	}
}

/// Dispatches recorded for one submission. Each dispatch sees the writes of
/// the ones before it.
pub struct Batch<'g> {
	gpu: &'g Gpu,
	encoder: wgpu::CommandEncoder,
}

impl Batch<'_> {
	/// Records `kernel` over `threads` threads, with `params` as its uniform
	/// (u32 fields, in declaration order) and `storage` at bindings 1, 2, ….
	pub fn dispatch(
		&mut self,
		kernel: &Kernel,
		params: &[u32],
		storage: &[Binding<'_>],
		threads: u64,
	) -> Result<(), GpuError> {
		if storage.len() != kernel.storage_bindings as usize {
			return Err(GpuError::Wgpu(format!(
				"kernel {} takes {} storage buffers, given {}",
				kernel.name,
				kernel.storage_bindings,
				storage.len()
			)));
		}
		if threads == 0 {
			return Ok(());
		}
		let device = &self.gpu.device;
		// Uniform buffers are at least 16 bytes and a multiple of 16.
		let mut words = params.to_vec();
		words.resize(params.len().div_ceil(4).max(1) * 4, 0);
		let uniform = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
			label: Some("params"),
			contents: bytemuck::cast_slice(&words),
			usage: wgpu::BufferUsages::UNIFORM,
		});
		let mut entries =
			vec![wgpu::BindGroupEntry { binding: 0, resource: uniform.as_entire_binding() }];
		for (i, binding) in storage.iter().enumerate() {
			let size = binding.size.unwrap_or(binding.buffer.size() - binding.offset);
			if size > self.gpu.max_binding {
				return Err(GpuError::TooLarge { bytes: size, limit: self.gpu.max_binding });
			}
			entries.push(wgpu::BindGroupEntry {
				binding: i as u32 + 1,
				resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
					buffer: binding.buffer,
					offset: binding.offset,
					size: NonZeroU64::new(size),
				}),
			});
		}
		let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
			label: Some(&kernel.name),
			layout: &kernel.layout,
			entries: &entries,
		});
		let groups = threads.div_ceil(WORKGROUP_SIZE);
		let (x, y) = if groups <= MAX_GROUPS_PER_DIMENSION {
			(groups, 1)
		} else {
			(MAX_GROUPS_PER_DIMENSION, groups.div_ceil(MAX_GROUPS_PER_DIMENSION))
		};
		let mut pass = self.encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
			label: Some(&kernel.name),
			timestamp_writes: None,
		});
		pass.set_pipeline(&kernel.pipeline);
		pass.set_bind_group(0, &bind_group, &[]);
		pass.dispatch_workgroups(x as u32, y as u32, 1);
		Ok(())
	}
}
