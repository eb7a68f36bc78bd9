"""What a transformer encoder would cost the framing stage on this CPU (``make``-free; needs torch).

The best SemEval-2020 Task 11 span systems are pretrained transformer encoders. No such weights ship
with eventsift, but a forward pass costs the same whatever the weights are, so this times randomly
initialised encoders of three common sizes on batches of 256-piece sequences and scales the result to
a number of word pieces (default: about what the 37 PTC validation articles make). Compare with the
spaCy parse of the same articles (``evaluate_framing.py --speed``); the framing budget is 20% of it.

    pip install torch==2.13.0 && python benchmarks/encoder_cost.py --pieces 36000
"""
from __future__ import annotations

import argparse
import sys
import time

SIZES = [("MiniLM-L6-H384", 6, 384, 12, 1536), ("DistilBERT", 6, 768, 12, 3072), ("BERT-base", 12, 768, 12, 3072)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pieces", type=int, default=36000, help="word pieces to scale to (default 36000)")
    ap.add_argument("--threads", type=int, default=2, help="torch threads (default 2)")
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        print("encoder_cost: needs torch (pip install torch==2.13.0)", file=sys.stderr)
        return 2
    torch.set_num_threads(args.threads)
    seq, batch = 256, 8
    for name, layers, width, heads, ff in SIZES:
        layer = torch.nn.TransformerEncoderLayer(width, heads, ff, batch_first=True)
        encoder = torch.nn.TransformerEncoder(layer, layers, enable_nested_tensor=False).eval()
        x = torch.randn(batch, seq, width)
        with torch.inference_mode():
            encoder(x)
            start, done = time.time(), 0
            while done < 8192:
                encoder(x)
                done += batch * seq
            per_piece = (time.time() - start) / done
        print(f"{name}: {per_piece * 1e3:.3f} ms per piece, {per_piece * args.pieces:.1f} s for {args.pieces} pieces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
