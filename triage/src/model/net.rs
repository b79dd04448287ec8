//! The network: a small pre-LN transformer encoder with two classification heads.
//!
//! token embedding + position embedding (+ digit-place embedding) -> dropout ->
//! N x [x + Drop(MHSA(LN(x))), x + Drop(FFN(LN(x)))] -> LN -> masked mean pooling -> dropout ->
//! two linear heads (urgency, pathway). Attention ignores padding through an additive mask.
//!
//! candle's fused layer-norm and softmax kernels have no backward pass, so training uses the
//! composed (differentiable) forms and inference the fused ones.

use candle_core::{DType, Device, Module, Tensor, D};
use candle_nn::{Embedding, Init, Linear, VarBuilder, VarMap};

use super::text::N_PLACES;
use super::training_rng;
use crate::error::Result;
use types::rng::Rng;

/// The shape of the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetShape {
    pub vocab_size: usize,
    pub d_model: usize,
    pub n_layers: usize,
    pub n_heads: usize,
    pub d_ff: usize,
    pub max_len: usize,
    pub place_embedding: bool,
    pub n_urgency: usize,
    pub n_pathway: usize,
}

/// Dropout with masks drawn from a seeded generator (candle's CPU device cannot be seeded).
pub struct Dropout {
    pub rng: Rng,
    pub p: f32,
}

impl Dropout {
    fn apply(&mut self, x: &Tensor) -> Result<Tensor> {
        if self.p <= 0.0 {
            return Ok(x.clone());
        }
        let keep = 1.0 / (1.0 - self.p);
        let mask: Vec<f32> = (0..x.elem_count())
            .map(|_| if self.rng.f32() < self.p { 0.0 } else { keep })
            .collect();
        let mask = Tensor::from_vec(mask, x.shape(), x.device())?;
        Ok(x.mul(&mask)?)
    }
}

fn drop(x: Tensor, dropout: &mut Option<&mut Dropout>) -> Result<Tensor> {
    match dropout {
        Some(d) => d.apply(&x),
        None => Ok(x),
    }
}

struct Norm {
    weight: Tensor,
    bias: Tensor,
}

impl Norm {
    fn new(d: usize, vb: VarBuilder) -> Result<Norm> {
        Ok(Norm {
            weight: vb.get_with_hints(d, "weight", Init::Const(1.0))?,
            bias: vb.get_with_hints(d, "bias", Init::Const(0.0))?,
        })
    }

    fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        const EPS: f32 = 1e-5;
        Ok(if train {
            candle_nn::ops::layer_norm_slow(x, &self.weight, &self.bias, EPS)?
        } else {
            candle_nn::ops::layer_norm(&x.contiguous()?, &self.weight, &self.bias, EPS)?
        })
    }
}

struct EncoderLayer {
    ln1: Norm,
    qkv: Linear,
    proj: Linear,
    ln2: Norm,
    ff1: Linear,
    ff2: Linear,
    n_heads: usize,
}

impl EncoderLayer {
    fn new(s: &NetShape, vb: VarBuilder) -> Result<EncoderLayer> {
        let d = s.d_model;
        Ok(EncoderLayer {
            ln1: Norm::new(d, vb.pp("ln1"))?,
            qkv: candle_nn::linear(d, 3 * d, vb.pp("attn.qkv"))?,
            proj: candle_nn::linear(d, d, vb.pp("attn.proj"))?,
            ln2: Norm::new(d, vb.pp("ln2"))?,
            ff1: candle_nn::linear(d, s.d_ff, vb.pp("ffn.up"))?,
            ff2: candle_nn::linear(s.d_ff, d, vb.pp("ffn.down"))?,
            n_heads: s.n_heads,
        })
    }

    fn attention(&self, h: &Tensor, mask_bias: &Tensor, train: bool) -> Result<Tensor> {
        let (b, l, d) = h.dims3()?;
        let nh = self.n_heads;
        let dh = d / nh;
        let qkv = self
            .qkv
            .forward(h)?
            .reshape((b, l, 3, nh, dh))?
            .permute((2, 0, 3, 1, 4))?;
        let q = qkv.get(0)?.contiguous()?;
        let k = qkv.get(1)?.contiguous()?;
        let v = qkv.get(2)?.contiguous()?;
        let scale = 1.0 / (dh as f64).sqrt();
        let scores = (q.matmul(&k.t()?)? * scale)?.broadcast_add(mask_bias)?;
        let p = if train {
            candle_nn::ops::softmax(&scores, D::Minus1)?
        } else {
            candle_nn::ops::softmax_last_dim(&scores)?
        };
        let ctx = p.matmul(&v)?.transpose(1, 2)?.reshape((b, l, d))?;
        Ok(self.proj.forward(&ctx)?)
    }

    fn forward(
        &self,
        x: &Tensor,
        mask_bias: &Tensor,
        dropout: &mut Option<&mut Dropout>,
    ) -> Result<Tensor> {
        let train = dropout.is_some();
        let a = self.attention(&self.ln1.forward(x, train)?, mask_bias, train)?;
        let x = (x + drop(a, dropout)?)?;
        let h = self.ln2.forward(&x, train)?;
        let f = self.ff2.forward(&self.ff1.forward(&h)?.gelu()?)?;
        Ok((x + drop(f, dropout)?)?)
    }
}

/// The transformer classifier.
pub struct TriageNet {
    shape: NetShape,
    tok: Embedding,
    pos: Embedding,
    place: Option<Embedding>,
    layers: Vec<EncoderLayer>,
    final_ln: Norm,
    urgency_head: Linear,
    pathway_head: Linear,
}

/// A padded batch: token ids and place ids `(B, L)` u32, mask `(B, L)` f32 (1 = token).
pub struct Batch {
    pub ids: Tensor,
    pub places: Tensor,
    pub mask: Tensor,
}

impl Batch {
    /// Pads `(ids, places)` sequences to the longest one.
    pub fn new(seqs: &[(&[u32], &[u32])], pad_id: u32, device: &Device) -> Result<Batch> {
        let b = seqs.len();
        let l = seqs.iter().map(|(i, _)| i.len()).max().unwrap_or(1).max(1);
        let mut ids = vec![pad_id; b * l];
        let mut places = vec![0u32; b * l];
        let mut mask = vec![0f32; b * l];
        for (r, (i, p)) in seqs.iter().enumerate() {
            ids[r * l..r * l + i.len()].copy_from_slice(i);
            places[r * l..r * l + p.len()].copy_from_slice(p);
            mask[r * l..r * l + i.len()].fill(1.0);
        }
        Ok(Batch {
            ids: Tensor::from_vec(ids, (b, l), device)?,
            places: Tensor::from_vec(places, (b, l), device)?,
            mask: Tensor::from_vec(mask, (b, l), device)?,
        })
    }
}

impl TriageNet {
    pub fn new(shape: NetShape, vb: VarBuilder) -> Result<TriageNet> {
        let d = shape.d_model;
        let layers = (0..shape.n_layers)
            .map(|i| EncoderLayer::new(&shape, vb.pp(format!("layers.{i}"))))
            .collect::<Result<Vec<_>>>()?;
        Ok(TriageNet {
            tok: candle_nn::embedding(shape.vocab_size, d, vb.pp("embed.tokens"))?,
            pos: candle_nn::embedding(shape.max_len, d, vb.pp("embed.positions"))?,
            place: if shape.place_embedding {
                Some(candle_nn::embedding(N_PLACES, d, vb.pp("embed.places"))?)
            } else {
                None
            },
            layers,
            final_ln: Norm::new(d, vb.pp("final_ln"))?,
            urgency_head: candle_nn::linear(d, shape.n_urgency, vb.pp("heads.urgency"))?,
            pathway_head: candle_nn::linear(d, shape.n_pathway, vb.pp("heads.pathway"))?,
            shape,
        })
    }

    pub fn shape(&self) -> &NetShape {
        &self.shape
    }

    /// Urgency and pathway logits, `(B, n_urgency)` and `(B, n_pathway)`. With `dropout` the
    /// pass is a training pass (dropout on, differentiable kernels).
    pub fn forward(
        &self,
        batch: &Batch,
        mut dropout: Option<&mut Dropout>,
    ) -> Result<(Tensor, Tensor)> {
        let (b, l) = batch.ids.dims2()?;
        let device = batch.ids.device();
        let positions = Tensor::arange(0u32, l as u32, device)?;
        let mut x = self
            .tok
            .forward(&batch.ids)?
            .broadcast_add(&self.pos.forward(&positions)?)?;
        if let Some(place) = &self.place {
            x = (x + place.forward(&batch.places)?)?;
        }
        let mut x = drop(x, &mut dropout)?;
        let mask_bias = ((&batch.mask - 1.0)? * 1e9)?.reshape((b, 1, 1, l))?;
        for layer in &self.layers {
            x = layer.forward(&x, &mask_bias, &mut dropout)?;
        }
        let x = self.final_ln.forward(&x, dropout.is_some())?;
        let m = batch.mask.unsqueeze(2)?;
        let count = m.sum(1)?.clamp(1.0, f64::MAX)?;
        let pooled = x.broadcast_mul(&m)?.sum(1)?.broadcast_div(&count)?;
        let pooled = drop(pooled, &mut dropout)?;
        Ok((
            self.urgency_head.forward(&pooled)?,
            self.pathway_head.forward(&pooled)?,
        ))
    }
}

/// Deterministic initialisation of every variable: normal(0, 0.02) for weight matrices and
/// embeddings, zeros for biases, layer norms as built (weight 1, bias 0). Variables are visited
/// in name order so the same seed always gives the same weights.
pub fn init_weights(varmap: &VarMap, seed: u64) -> Result<()> {
    let mut rng = training_rng(seed);
    let data = varmap
        .data()
        .lock()
        .map_err(|_| crate::error::Error::Internal("variable map lock poisoned".into()))?;
    let mut names: Vec<&String> = data.keys().collect();
    names.sort();
    for name in names {
        let var = &data[name];
        let is_norm = name.contains("ln1.") || name.contains("ln2.") || name.contains("final_ln.");
        if is_norm {
            continue;
        }
        let n = var.elem_count();
        let values: Vec<f32> = if name.ends_with(".bias") {
            vec![0.0; n]
        } else {
            (0..n).map(|_| (rng.normal() * 0.02) as f32).collect()
        };
        let t = Tensor::from_vec(values, var.shape(), var.device())?.to_dtype(DType::F32)?;
        var.set(&t)?;
    }
    Ok(())
}
