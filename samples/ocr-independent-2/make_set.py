#!/usr/bin/env python3
"""Build the ocr-2 OCR evaluation set (seeded, reproducible).

Tool chain: reportlab (vector PDF, embedded TTF fonts) -> poppler pdftoppm (rasterise)
-> OpenCV/numpy (physical + scanner degradations) -> ImageMagick /usr/bin/convert
(error-diffusion dithering, PNG/JPEG encoding with density) -> libtiff ppm2tiff/tiffcp
(TIFF: Group 4, Group 3, LZW, Deflate; multi-page) -> libtiff tiff2pdf (image PDFs).

Usage: .venv/bin/python make_set.py [--keep-build]
"""
import datetime as dt
import glob
import json
import os
import random
import shutil
import subprocess
import sys

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from content import (SCENARIOS, make_patient, make_practice, make_trust, scenario_text, pron, nhs_valid)  # noqa: E402
from layout import family, PROP_FAMILIES, MONO_FAMILIES, MM, W as PW, H as PH  # noqa: E402
from docs import LAYOUTS  # noqa: E402

SEED = 20261204
BUILD = os.path.join(HERE, "_build")
CONVERT = "/usr/bin/convert"

KINDS = [("ers", 4), ("proforma", 4), ("dear_dr", 5), ("soap", 3), ("gp_export", 4), ("terse", 3),
         ("letterhead_referral", 4), ("clinic", 4), ("discharge", 3), ("results", 3), ("appointment", 3)]
DOC_TYPE = dict(clinic="clinic_letter", discharge="discharge_summary", results="lab_result", appointment="appointment_letter")
NHS_STYLES = [("NHS No:", "spaced"), ("NHS Number", "plain"), ("NHS No:", "dashed"), ("NHS Number:", "spaced"),
              ("NHS no.", "plain"), ("NHS:", "dashed"), ("NHS Number", "spaced")]
DOB_STYLES = [("DOB:", "slash"), ("D.O.B.", "dots2"), ("Date of Birth:", "long"), ("Born", "abbr"),
              ("DOB:", "dots4"), ("Date of birth:", "slash"), ("DoB:", "abbr_sp")]


def sh(*args):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


# =============================================================== planning
def plan_docs(rng):
    kinds = [k for k, n in KINDS for _ in range(n)]
    profiles = ["clean"] * 10 + ["fax"] * 8 + ["photocopy"] * 8 + ["scan_gray"] * 7 + ["scan_color"] * 7
    rng.shuffle(profiles)
    non_ref = [i for i, k in enumerate(kinds) if k in DOC_TYPE]
    no_nhs = set(rng.sample([i for i in non_ref if kinds[i] in ("appointment", "results", "clinic")], 2))
    no_dob = set(rng.sample([i for i in non_ref if kinds[i] == "appointment"], 2))
    docs = []
    for i, (kind, prof) in enumerate(zip(kinds, profiles)):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 690))
        day = day.replace(day=min(day.day, 28))
        sc = rng.choice(SCENARIOS)
        pat = make_patient(rng, sex=sc["sex"], day=day)
        mono = kind in ("soap", "terse", "gp_export") and rng.random() < 0.5
        fam = family(rng.choice(MONO_FAMILIES if mono else PROP_FAMILIES))
        nl, nf = rng.choice(NHS_STYLES)
        dl, df = rng.choice(DOB_STYLES)
        size = rng.choice([9.5, 10, 10.5, 11]) if prof != "fax" else rng.choice([10.5, 11, 11.5, 12])
        if mono:
            size = min(size, 10)
        ctx = dict(pat=pat, prac=make_practice(rng), trust=make_trust(rng), sc=sc, txt=scenario_text(rng, sc, pron(pat["sex"])),
                   day=day, fam=fam, size=size, nhs_lab=nl, nhs_fmt=nf, dob_lab=dl, dob_fmt=df,
                   has_nhs=i not in no_nhs, has_dob=i not in no_dob, seed=SEED * 10 + i * 7919,
                   fax=dict(time=f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}") if prof == "fax" else None)
        docs.append(dict(idx=i, name=f"ocr2-{i + 1:03d}", kind=kind, profile=prof, ctx=ctx))
    order = list(range(len(docs)))
    rng.shuffle(order)  # file numbering does not reveal the kind
    for n, j in enumerate(order):
        docs[j]["name"] = f"ocr2-{n + 1:03d}"
    return sorted(docs, key=lambda d: d["name"])


def build_pdf(doc):
    fn = LAYOUTS[doc["kind"]]
    d1 = fn(doc["ctx"], None)
    d1.finish()
    n = len(d1.pages)
    d = fn(doc["ctx"], n)
    if len(d.pages) != n:
        raise RuntimeError("page count changed between passes")
    d.validate()
    pdf = os.path.join(BUILD, doc["name"] + ".pdf")
    with open(pdf, "wb") as f:
        f.write(d.finish())
    doc.update(pdf=pdf, gt=d.pages, boxes=d.boxes(), pages=n)


def choose_output(doc, rng):
    prof, n = doc["profile"], doc["pages"]
    multi = n > 1
    o = dict(color=False, bilevel=False, jpeg_q=None, tiff_comp=None, pdf_comp=None)
    if prof == "clean":
        o["dpi"] = rng.choice([300, 300, 200])
        o["fmt"] = rng.choice(["tiff", "pdf"] if multi else ["png", "png", "tiff", "pdf"])
        o["color"] = rng.random() < 0.2
        o["tiff_comp"] = "lzw"
        o["pdf_comp"] = "zip"
    elif prof == "fax":
        o["dpi"] = 204
        o["bilevel"] = True
        o["fmt"] = rng.choice(["tiff", "tiff", "pdf"] if multi else ["tiff", "tiff", "png", "pdf"])
        o["tiff_comp"] = rng.choice(["g4", "g3"])
        o["pdf_comp"] = "ccitt"
    elif prof == "photocopy":
        o["dpi"] = rng.choice([300, 200, 200, 150])
        o["bilevel"] = rng.random() < 0.35
        if o["bilevel"]:
            o["fmt"] = rng.choice(["tiff", "pdf"])
            o["tiff_comp"], o["pdf_comp"] = "g4", "ccitt"
        else:
            o["fmt"] = rng.choice(["tiff", "pdf"] if multi else ["png", "jpeg", "tiff"])
            o["tiff_comp"] = rng.choice(["lzw", "zip"])
            o["pdf_comp"] = "jpeg"
            if o["fmt"] in ("jpeg", "pdf"):
                o["jpeg_q"] = rng.randint(50, 85)
    else:
        o["color"] = prof == "scan_color"
        o["dpi"] = rng.choice([300, 200, 200] if o["color"] else [300, 300, 200])
        o["fmt"] = rng.choice(["pdf", "pdf", "tiff"] if multi else ["jpeg", "jpeg", "png", "pdf"])
        if o["fmt"] == "tiff":
            o["tiff_comp"] = "lzw"
        else:
            o["pdf_comp"] = "jpeg"
        if o["fmt"] in ("jpeg", "pdf"):
            o["jpeg_q"] = rng.randint(50, 85)
    doc["out"] = o


def choose_degradations(doc, rng):
    """List of (name, params) applied in physical order. Decided before any OCR is run."""
    prof, o = doc["profile"], doc["out"]
    dg = []
    u = rng.random
    if prof == "clean":
        return dg
    if prof == "fax":
        if u() < 0.3:
            dg.append(("scribbles", dict(n=rng.randint(1, 2), ink="black")))
        if u() < 0.7:
            dg.append(("skew", dict(deg=round(rng.uniform(0.3, 1.9) * rng.choice([-1, 1]), 2))))
        dg.append(("fax_204x98", {}))
        dg.append(("bilevel_dither" if u() < 0.45 else "bilevel_threshold", dict(t=round(rng.uniform(0.5, 0.62), 2))))
        dg.append(("speckle_noise", dict(density=round(rng.uniform(1e-4, 6e-4), 5))))
        if u() < 0.3:
            dg.append(("fax_streaks", dict(n=rng.randint(1, 4))))
        return dg
    if prof == "photocopy":
        if u() < 0.4:
            dg.append(("bleed_through", dict(alpha=round(rng.uniform(0.1, 0.2), 2))))
        if u() < 0.35:
            dg.append(("scribbles", dict(n=rng.randint(1, 3), ink="black")))
        if u() < 0.5:
            dg.append(("punch_holes", dict(dark=u() < 0.7)))
        if u() < 0.4:
            dg.append(("staple_shadow", {}))
        if not o["bilevel"] and u() < 0.6:
            dg.append(("low_contrast", dict(lo=round(rng.uniform(0.3, 0.5), 2), hi=round(rng.uniform(0.8, 0.92), 2))))
        if u() < 0.6:
            dg.append(("uneven_illumination", dict(s=round(rng.uniform(0.12, 0.3), 2))))
        if u() < 0.8:
            dg.append(("skew", dict(deg=round(rng.uniform(0.3, 1.9) * rng.choice([-1, 1]), 2))))
        dg.append(("photocopy_border", dict(dark=round(rng.uniform(0.05, 0.25), 2))))
        dg.append(("speckle_noise", dict(density=round(rng.uniform(3e-5, 2e-4), 5))))
        if o["bilevel"]:
            dg.append(("bilevel_threshold", dict(t=round(rng.uniform(0.5, 0.6), 2))))
        else:
            dg.append(("sensor_noise", dict(sigma=round(rng.uniform(0.01, 0.025), 3))))
    else:
        color = o["color"]
        if u() < 0.45:
            dg.append(("bleed_through", dict(alpha=round(rng.uniform(0.06, 0.16), 2))))
        if u() < (0.45 if color else 0.3):
            dg.append(("coffee_stain", dict(n=rng.randint(1, 2))))
        if u() < (0.6 if color else 0.5):
            dg.append(("scribbles", dict(n=rng.randint(1, 3), ink=rng.choice(["blue", "blue", "black"]) if color else "black")))
        if u() < 0.25:
            dg.append(("received_stamp", dict(ink=rng.choice(["red", "blue"]))))
        if u() < 0.3:
            dg.append(("punch_holes", dict(dark=u() < 0.4)))
        if u() < 0.3:
            dg.append(("staple_shadow", {}))
        if u() < 0.3:
            dg.append(("low_contrast", dict(lo=round(rng.uniform(0.25, 0.45), 2), hi=round(rng.uniform(0.85, 0.95), 2))))
        if u() < 0.35:
            dg.append(("uneven_illumination", dict(s=round(rng.uniform(0.1, 0.25), 2))))
        if u() < 0.6:
            dg.append(("skew", dict(deg=round(rng.uniform(0.2, 1.8) * rng.choice([-1, 1]), 2))))
        dg.append(("blur", dict(sigma=round(rng.uniform(0.4, 0.9), 2))))
        dg.append(("sensor_noise", dict(sigma=round(rng.uniform(0.008, 0.02), 3))))
    if o["jpeg_q"]:
        dg.append((f"jpeg_q{o['jpeg_q']}", dict(q=o["jpeg_q"])))
    return dg


# =============================================================== raster helpers
def rasterise(pdf, dpi, color, tag, first=None, last=None):
    prefix = os.path.join(BUILD, tag)
    args = ["pdftoppm", "-r", str(dpi), "-png"] + ([] if color else ["-gray"])
    if first:
        args += ["-f", str(first), "-l", str(last)]
    sh(*args, pdf, prefix)
    files = sorted(glob.glob(prefix + "-*.png"), key=lambda f: int(f.rsplit("-", 1)[1][:-4]))
    out = []
    for f in files:
        im = cv2.imread(f, cv2.IMREAD_COLOR if color else cv2.IMREAD_GRAYSCALE)
        out.append(im.astype(np.float32) / 255.0)
        os.remove(f)
    return out


def px(mm, dpi):
    return mm * dpi / 25.4


def ink(img, mask, color_bgr):
    """blend ink colour (BGR, 0..1) through mask (0..1)."""
    if img.ndim == 2:
        g = 0.114 * color_bgr[0] + 0.587 * color_bgr[1] + 0.299 * color_bgr[2]
        img[:] = img * (1 - mask) + g * mask
    else:
        for c in range(3):
            img[..., c] = img[..., c] * (1 - mask) + color_bgr[c] * mask


def tint(img, mask, factor_bgr):
    """multiplicative stain: img *= 1 - mask*(1-factor)"""
    if img.ndim == 2:
        g = 0.114 * factor_bgr[0] + 0.587 * factor_bgr[1] + 0.299 * factor_bgr[2]
        img *= 1 - mask * (1 - g)
    else:
        for c in range(3):
            img[..., c] *= 1 - mask * (1 - factor_bgr[c])


def free_spot(boxes, w, h, Wp, Hp, rng, margin, pad, tries=400):
    for _ in range(tries):
        x = rng.uniform(margin, Wp - margin - w)
        y = rng.uniform(margin, Hp - margin - h)
        if all(x + w < b[0] - pad or x > b[2] + pad or y + h < b[1] - pad or y > b[3] + pad for b in boxes):
            return x, y
    return None


def handwriting(rng, x, y, w, h, dpi):
    """cursive-like loops, initials, arrows or ticks inside box (x, y, w, h) in pixels."""
    polys = []
    kind = rng.choice(["words", "words", "words", "initials", "arrow", "tick", "underline"])
    s = dpi / 300.0
    if kind == "words":
        nl = 1 if h < px(12, dpi) else 2
        for li in range(nl):
            base = y + (li + 0.8) * h / nl
            cx = x
            xh = rng.uniform(1.6, 2.6) * MM_PX(dpi)
            while cx < x + w * 0.85:
                pts = []
                for _ in range(rng.integers(2, 7)):
                    lw = rng.uniform(0.7, 1.3) * xh
                    hh = xh * (rng.choice([1, 1, 1, 2.2]))
                    t = np.linspace(0, 2 * np.pi, 14)
                    xs = cx + lw * t / (2 * np.pi) - 0.35 * lw * np.sin(t)
                    ys = base - hh * (1 - np.cos(t)) / 2
                    pts += list(zip(xs, ys))
                    cx += lw
                    if cx > x + w:
                        break
                arr = np.array(pts)
                arr[:, 0] += 0.35 * (base - arr[:, 1])  # slant
                arr += rng.normal(0, 0.6 * s, arr.shape)
                polys.append(arr.astype(np.int32))
                cx += rng.uniform(1.2, 2.5) * xh
    elif kind == "initials":
        t = np.linspace(0, 2 * np.pi, 40)
        for k in range(2):
            cx = x + (k + 0.5) * w / 3
            arr = np.stack([cx + w / 7 * np.sin(t * rng.uniform(1, 2)), y + h / 2 - h / 2.5 * np.cos(t)], 1)
            polys.append(arr.astype(np.int32))
        polys.append(np.array([[x, y + h * 0.95], [x + w * 0.8, y + h * 0.85]], np.int32))
    elif kind == "arrow":
        a = np.array([[x, y + h * 0.5], [x + w * 0.8, y + h * 0.55]])
        polys += [a.astype(np.int32), np.array([[x + w * 0.65, y + h * 0.2], [x + w * 0.8, y + h * 0.55], [x + w * 0.62, y + h * 0.85]], np.int32)]
    elif kind == "tick":
        polys.append(np.array([[x, y + h * 0.5], [x + w * 0.15, y + h], [x + w * 0.4, y]], np.int32))
    else:
        t = np.linspace(0, 1, 60)
        polys.append(np.stack([x + w * t, y + h * 0.5 + h * 0.2 * np.sin(t * rng.uniform(8, 16))], 1).astype(np.int32))
    return polys


def MM_PX(dpi):
    return dpi / 25.4


# =============================================================== degradations
INKS = dict(blue=(0.55, 0.22, 0.12), black=(0.12, 0.12, 0.14), red=(0.18, 0.15, 0.72))


def apply_paper(img, name, p, rng, dpi, boxes, reverse):
    Hh, Ww = img.shape[:2]
    if name == "bleed_through" and reverse is not None:
        rev = cv2.resize(reverse, (Ww, Hh))
        rev = cv2.flip(rev, 1)
        rev = cv2.GaussianBlur(rev, (0, 0), 1.2 * dpi / 300)
        m = p["alpha"] * (1 - rev)
        if img.ndim == 3:
            m = m[..., None]
        img *= 1 - m
    elif name == "coffee_stain":
        for _ in range(p["n"]):
            r = px(rng.uniform(14, 30), dpi)
            cx, cy = rng.uniform(0, Ww), rng.uniform(0, Hh)
            x0, x1 = int(max(0, cx - 1.3 * r)), int(min(Ww, cx + 1.3 * r))
            y0, y1 = int(max(0, cy - 1.3 * r)), int(min(Hh, cy + 1.3 * r))
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
            th = np.arctan2(yy - cy, xx - cx)
            rr = r * (1 + sum(rng.uniform(0.01, 0.04) * np.sin(k * th + rng.uniform(0, 6.3)) for k in range(2, 6)))
            dd = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
            rw = px(rng.uniform(0.5, 1.2), dpi)
            ring = np.exp(-(((dd - rr) / rw) ** 2))
            arc = 0.5 + 0.5 * np.cos(th - rng.uniform(0, 6.3)) if rng.random() < 0.5 else 1.0
            noise = cv2.resize(rng.uniform(0.5, 1.0, (8, 8)).astype(np.float32), (x1 - x0, y1 - y0), interpolation=cv2.INTER_CUBIC)
            m = np.clip(ring * rng.uniform(0.35, 0.6) * arc + (dd < rr) * rng.uniform(0.08, 0.2) * noise, 0, 0.7)
            tint(img[y0:y1, x0:x1], m, (0.35, 0.55, 0.78))
    elif name in ("scribbles", "received_stamp"):
        pad = px(1.5, dpi)
        for _ in range(p.get("n", 1)):
            if name == "scribbles":
                w, h = px(rng.uniform(18, 50), dpi), px(rng.uniform(6, 14), dpi)
            else:
                w, h = px(rng.uniform(42, 52), dpi), px(rng.uniform(18, 24), dpi)
            spot = free_spot(boxes, w, h, Ww, Hh, rng, px(5, dpi), pad)
            if spot is None:
                w, h = w * 0.6, h * 0.8
                spot = free_spot(boxes, w, h, Ww, Hh, rng, px(4, dpi), pad)
            if spot is None:
                continue
            x, y = spot
            mask = np.zeros((Hh, Ww), np.uint8)
            if name == "scribbles":
                th = max(1, int(round(px(rng.uniform(0.25, 0.45), dpi))))
                cv2.polylines(mask, handwriting(rng, x, y, w, h, dpi), False, 255, th, cv2.LINE_AA)
                m = mask.astype(np.float32) / 255 * rng.uniform(0.8, 1.0)
                ink(img, m, INKS[p["ink"]])
                boxes.append([x, y, x + w, y + h])
            else:
                sm = np.zeros((int(h), int(w)), np.uint8)
                t = max(2, int(px(0.6, dpi)))
                cv2.rectangle(sm, (t, t), (int(w) - t, int(h) - t), 255, t)
                sday = rng.integers(1, 28)
                mon = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"][rng.integers(0, 12)]
                for txt, font, yy, hf in (("RECEIVED", cv2.FONT_HERSHEY_DUPLEX, 0.47, 0.30), (f"{sday:02d} {mon} 2025", cv2.FONT_HERSHEY_SIMPLEX, 0.82, 0.22)):
                    thick = max(1, int(h * 0.025))
                    (tw, th), _ = cv2.getTextSize(txt, font, 1.0, thick)
                    sc = min((w * 0.84) / tw, (h * hf) / th)
                    (tw, th), _ = cv2.getTextSize(txt, font, sc, thick)
                    cv2.putText(sm, txt, (int((w - tw) / 2), int(h * yy)), font, sc, 255, thick, cv2.LINE_AA)
                ang = rng.uniform(-12, 12)
                M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
                sm = cv2.warpAffine(sm, M, (int(w), int(h)))
                patch = cv2.resize(rng.uniform(0.4, 1.0, (6, 10)).astype(np.float32), (int(w), int(h)), interpolation=cv2.INTER_CUBIC)
                m = np.clip(sm.astype(np.float32) / 255 * patch * 0.85, 0, 1)
                full = np.zeros((Hh, Ww), np.float32)
                full[int(y):int(y) + int(h), int(x):int(x) + int(w)] = m
                ink(img, full, INKS[p["ink"]])
                boxes.append([x, y, x + w, y + h])
    elif name == "punch_holes":
        r = px(3.0, dpi)
        cx = px(rng.uniform(10.5, 13), dpi)
        mid = Hh / 2 + px(rng.uniform(-3, 3), dpi)
        for cy in (mid - px(40, dpi), mid + px(40, dpi)):
            yy, xx = np.mgrid[0:Hh, 0:int(cx + 2 * r)].astype(np.float32)
            dd = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
            if p["dark"]:
                m = np.clip((r - dd) / 1.5 + 0.5, 0, 1) * 0.85
                ink(img[:, :int(cx + 2 * r)], m, (0.12, 0.12, 0.12))
            else:
                m = np.exp(-(((dd - r) / px(0.35, dpi)) ** 2)) * 0.5
                ink(img[:, :int(cx + 2 * r)], m, (0.35, 0.35, 0.35))
    elif name == "staple_shadow":
        x0, y0 = px(rng.uniform(6, 12), dpi), px(rng.uniform(6, 12), dpi)
        ang = np.deg2rad(rng.uniform(-50, -25) if rng.random() < 0.6 else rng.uniform(-8, 8))
        L = px(12.5, dpi)
        x1, y1 = x0 + L * np.cos(ang), y0 - L * np.sin(ang)
        if y1 < px(3, dpi):
            y0 += px(8, dpi)
            y1 += px(8, dpi)
        sh_ = np.zeros((Hh, Ww), np.uint8)
        off = px(0.8, dpi)
        cv2.line(sh_, (int(x0 + off), int(y0 + off)), (int(x1 + off), int(y1 + off)), 255, max(2, int(px(1.6, dpi))), cv2.LINE_AA)
        shm = cv2.GaussianBlur(sh_.astype(np.float32) / 255, (0, 0), px(0.8, dpi)) * 0.45
        ink(img, shm, (0.3, 0.3, 0.3))
        st = np.zeros((Hh, Ww), np.uint8)
        cv2.line(st, (int(x0), int(y0)), (int(x1), int(y1)), 255, max(2, int(px(0.7, dpi))), cv2.LINE_AA)
        ink(img, st.astype(np.float32) / 255 * 0.9, (0.25, 0.25, 0.25))


def apply_scan(img, name, p, rng, dpi, photocopy_dark=None):
    Hh, Ww = img.shape[:2]
    if name == "low_contrast":
        img[:] = p["lo"] + (p["hi"] - p["lo"]) * img
    elif name == "uneven_illumination":
        g = rng.uniform(1 - p["s"], 1.0, (3, 4)).astype(np.float32)
        g[rng.integers(0, 3), rng.integers(0, 4)] = 1.0
        f = cv2.resize(g, (Ww, Hh), interpolation=cv2.INTER_CUBIC)
        f = np.clip(f, 1 - p["s"] - 0.05, 1.0)
        img *= f if img.ndim == 2 else f[..., None]
    elif name == "skew":
        M = cv2.getRotationMatrix2D((Ww / 2, Hh / 2), p["deg"], 1.0)
        if photocopy_dark is not None:
            M[0, 2] += px(rng.uniform(-5, 5), dpi)
            M[1, 2] += px(rng.uniform(-4, 4), dpi)
        bv = photocopy_dark if photocopy_dark is not None else 1.0
        img = cv2.warpAffine(img, M, (Ww, Hh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=(bv, bv, bv) if img.ndim == 3 else bv)
    elif name == "photocopy_border":
        d = p["dark"]
        f = np.ones((Hh, Ww), np.float32)
        for side in rng.choice(4, rng.integers(1, 4), replace=False):
            bw = int(px(rng.uniform(2, 9), dpi))
            ramp = np.linspace(0, 1, bw, dtype=np.float32) ** 1.5
            prof = d + (1 - d) * ramp
            jitter = 1 + rng.normal(0, 0.02, bw).astype(np.float32)
            if side == 0:
                f[:bw, :] = np.minimum(f[:bw, :], (prof * jitter)[:, None])
            elif side == 1:
                f[-bw:, :] = np.minimum(f[-bw:, :], (prof * jitter)[::-1][:, None])
            elif side == 2:
                f[:, :bw] = np.minimum(f[:, :bw], (prof * jitter)[None, :])
            else:
                f[:, -bw:] = np.minimum(f[:, -bw:], (prof * jitter)[::-1][None, :])
        img *= f if img.ndim == 2 else f[..., None]
    elif name == "speckle_noise":
        n = int(p["density"] * Hh * Ww)
        ys, xs = rng.integers(0, Hh, n), rng.integers(0, Ww, n)
        rad = rng.choice([1, 1, 1, 2], n)
        for y, x, r in zip(ys, xs, rad):
            cv2.circle(img, (int(x), int(y)), int(r * dpi / 300 + 0.5) or 1, (0.05, 0.05, 0.05) if img.ndim == 3 else 0.05, -1)
    elif name == "blur":
        img = cv2.GaussianBlur(img, (0, 0), p["sigma"] * dpi / 300)
    elif name == "sensor_noise":
        img += rng.normal(0, p["sigma"], img.shape).astype(np.float32)
    return img


def im_dither(gray01):
    src = os.path.join(BUILD, "dither_in.png")
    dst = os.path.join(BUILD, "dither_out.png")
    cv2.imwrite(src, np.clip(gray01 * 255 + 0.5, 0, 255).astype(np.uint8))
    sh(CONVERT, src, "-colorspace", "Gray", "-dither", "FloydSteinberg", "-remap", "pattern:gray50", dst)
    out = cv2.imread(dst, cv2.IMREAD_GRAYSCALE)
    os.remove(src)
    os.remove(dst)
    return (out > 127).astype(np.float32)


def process_doc(doc, rng_np, all_docs):
    o, dg = doc["out"], doc["degr"]
    dpi = o["dpi"]
    fax = doc["profile"] == "fax"
    color = o["color"]
    pages = rasterise(doc["pdf"], dpi, color, doc["name"])
    names = [n for n, _ in dg]
    params = dict(dg)
    out_pages = []
    scale = dpi / 72.0
    for pi, img in enumerate(pages):
        boxes = [[b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale] for b in doc["boxes"][pi]]
        reverse = None
        if "bleed_through" in names:
            other = all_docs[int(rng_np.integers(0, len(all_docs)))]
            if other is doc:
                other = all_docs[(all_docs.index(doc) + 1) % len(all_docs)]
            pg = int(rng_np.integers(1, other["pages"] + 1))
            reverse = rasterise(other["pdf"], dpi, False, doc["name"] + "_rev", pg, pg)[0]
        for n in ("bleed_through", "coffee_stain", "scribbles", "received_stamp", "punch_holes", "staple_shadow"):
            if n in names:
                apply_paper(img, n, params[n], rng_np, dpi, boxes, reverse)
        pc_dark = params["photocopy_border"]["dark"] if "photocopy_border" in names else None
        for n in ("low_contrast", "uneven_illumination", "skew", "photocopy_border", "blur"):
            if n in names:
                img = apply_scan(img, n, params[n], rng_np, dpi, pc_dark)
        if color:
            gray = None
        if fax:
            Hh, Ww = img.shape[:2]
            h98 = int(round(Hh * 98 / 204))
            img = cv2.resize(img, (Ww, h98), interpolation=cv2.INTER_AREA)
        if "speckle_noise" in names and not fax:
            img = apply_scan(img, "speckle_noise", params["speckle_noise"], rng_np, dpi)
        if "sensor_noise" in names:
            img = apply_scan(img, "sensor_noise", params["sensor_noise"], rng_np, dpi)
        img = np.clip(img, 0, 1)
        if "bilevel_dither" in names:
            img = im_dither(img)
        elif "bilevel_threshold" in names:
            img = (img > params["bilevel_threshold"]["t"]).astype(np.float32)
        if fax:
            img = apply_scan(img, "speckle_noise", params["speckle_noise"], rng_np, 98)
            if "fax_streaks" in names:
                for _ in range(params["fax_streaks"]["n"]):
                    y = int(rng_np.integers(0, img.shape[0]))
                    x0 = int(rng_np.integers(0, img.shape[1] // 2))
                    x1 = x0 + int(rng_np.integers(img.shape[1] // 8, img.shape[1] // 2))
                    img[y, x0:x1] = 0.0 if rng_np.random() < 0.5 else 1.0
            img = cv2.resize(img, (img.shape[1], int(round(img.shape[0] * 204 / 98))), interpolation=cv2.INTER_NEAREST)
        rot = doc.get("rotate", {}).get(pi)
        if rot:
            img = np.ascontiguousarray(np.rot90(img, {90: 1, 270: 3, 180: 2}[rot]))
        out_pages.append(np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8))
    return out_pages


# =============================================================== writing
def write_output(doc, pages):
    o = doc["out"]
    dpi, fmt, bil = o["dpi"], o["fmt"], o["bilevel"]
    base = os.path.join(HERE, doc["name"])
    tmp = []
    for i, im in enumerate(pages):
        if bil:
            f = os.path.join(BUILD, f"{doc['name']}_{i}.pbm")
            cv2.imwrite(f, (im > 127).astype(np.uint8) * 255)
        elif im.ndim == 3:
            f = os.path.join(BUILD, f"{doc['name']}_{i}.ppm")
            cv2.imwrite(f, im)
        else:
            f = os.path.join(BUILD, f"{doc['name']}_{i}.pgm")
            cv2.imwrite(f, im)
        tmp.append(f)
    if fmt in ("png", "jpeg"):
        assert len(tmp) == 1
        ext = "png" if fmt == "png" else "jpg"
        out = f"{base}.{ext}"
        args = [CONVERT, tmp[0], "-units", "PixelsPerInch", "-density", str(dpi)]
        if fmt == "jpeg":
            args += ["-quality", str(o["jpeg_q"] or 92)]
        if bil:
            args += ["-type", "bilevel"]
        sh(*args, out)
    else:
        tifs = []
        comp = o["tiff_comp"] if fmt == "tiff" else ("g4" if bil else "lzw")
        for f in tmp:
            t = f.rsplit(".", 1)[0] + ".tif"
            sh("ppm2tiff", "-R", str(dpi), "-c", comp if comp != "g3" else "g3:2d", f, t)
            tifs.append(t)
        mt = os.path.join(BUILD, doc["name"] + "_all.tif")
        sh("tiffcp", "-c", comp if comp != "g3" else "g3:2d", *tifs, mt)
        if fmt == "tiff":
            out = f"{base}.tif"
            shutil.move(mt, out)
        else:
            out = f"{base}.pdf"
            if o["pdf_comp"] == "ccitt":
                sh("tiff2pdf", "-o", out, mt)
            elif o["pdf_comp"] == "jpeg":
                sh("tiff2pdf", "-j", "-q", str(o["jpeg_q"]), "-o", out, mt)
            else:
                sh("tiff2pdf", "-z", "-o", out, mt)
            os.remove(mt)
        for t in tifs:
            os.remove(t)
    for f in tmp:
        os.remove(f)
    return os.path.basename(out)


def main():
    keep = "--keep-build" in sys.argv
    for f in glob.glob(os.path.join(HERE, "ocr2-*")):
        os.remove(f)
    os.makedirs(BUILD, exist_ok=True)
    rng = random.Random(SEED)
    docs = plan_docs(rng)
    for d in docs:
        build_pdf(d)
        choose_output(d, rng)
        d["degr"] = choose_degradations(d, rng)
    # fax TIFFs alternate Group 4 / Group 3 (lossless for bilevel pages, so pixels are unaffected)
    for k, d in enumerate([d for d in docs if d["profile"] == "fax" and d["out"]["fmt"] == "tiff"]):
        d["out"]["tiff_comp"] = "g4" if k % 2 == 0 else "g3"
    # a few pages fed into the scanner sideways / upside down (never clean or fax files)
    elig = [d for d in docs if d["profile"] in ("photocopy", "scan_gray", "scan_color")]
    for d, r in zip(rng.sample(elig, 5), [90, 270, 180, 180, 180]):
        pi = rng.randrange(d["pages"])
        d["rotate"] = {pi: r}
        d["degr"].append((f"rotate_{90 if r == 270 else r}", dict(page=pi + 1, clockwise=360 - r if r != 180 else 180)))
    manifest, detail = [], {}
    nrng = np.random.default_rng(SEED)
    for d in docs:
        pages = process_doc(d, nrng, docs)
        fname = write_output(d, pages)
        gt = "\x0c".join("\n".join(pg) + "\n" for pg in d["gt"])
        with open(os.path.join(HERE, os.path.splitext(fname)[0] + ".gt.txt"), "w", encoding="utf-8") as f:
            f.write(gt)
        c = d["ctx"]
        nhs_present = d["kind"] not in DOC_TYPE or c["has_nhs"]
        dob_present = d["kind"] != "appointment" or c["has_dob"]
        assert nhs_valid(c["pat"]["nhs"])
        manifest.append(dict(file=fname, degradations=[n for n, _ in d["degr"]], pages=d["pages"], kind=d["kind"],
                             document_type=DOC_TYPE.get(d["kind"], "referral_letter"),
                             nhs_number=c["pat"]["nhs"] if nhs_present else None,
                             date_of_birth=c["pat"]["dob"].isoformat() if dob_present else None,
                             format=d["out"]["fmt"], dpi=d["out"]["dpi"]))
        detail[fname] = dict(profile=d["profile"], colour=d["out"]["color"], bilevel=d["out"]["bilevel"],
                             tiff_compression=d["out"]["tiff_comp"] if d["out"]["fmt"] == "tiff" else None,
                             pdf_image_compression=d["out"]["pdf_comp"] if d["out"]["fmt"] == "pdf" else None,
                             degradations=[dict(name=n, **p) for n, p in d["degr"]],
                             font=c["fam"]["r"], font_size=c["size"], nhs_label=c["nhs_lab"], nhs_format=c["nhs_fmt"],
                             dob_label=c["dob_lab"], dob_format=c["dob_fmt"], specialty=c["sc"]["spec"])
        print(f"{fname:16s} {d['kind']:20s} {d['profile']:10s} p={d['pages']} {d['out']['fmt']:4s} {d['out']['dpi']} {[n for n, _ in d['degr']]}", flush=True)
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    with open(os.path.join(HERE, "degradations_detail.json"), "w") as f:
        json.dump(detail, f, indent=1)
    if not keep:
        shutil.rmtree(BUILD)
    print(f"{len(manifest)} files, {sum(m['pages'] for m in manifest)} pages")


if __name__ == "__main__":
    main()
