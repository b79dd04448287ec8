# Counts from manifest.jsonl (Python standard library only; no imaging).
import json, collections, sys
m = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'manifest.jsonl')]
pages = sum(x['pages'] for x in m)
print(f"files: {len(m)}  pages: {pages}")
print("document_type:", dict(collections.Counter(x['document_type'] for x in m)))
print("file extension:", dict(collections.Counter(x['file'].rsplit('.', 1)[1] for x in m)))
print("format:", dict(collections.Counter(x['format'] for x in m)))
print("difficulty (pages):", dict(collections.Counter(d for x in m for d in x['difficulty'])))
print("dpi (pages):", dict(collections.Counter(d for x in m for d in x['dpi'])))
print("rotation (pages):", dict(collections.Counter(d for x in m for d in x['rotation_clockwise_deg'])))
print("kind:", dict(collections.Counter(x['kind'] for x in m)))
print("fonts:", sorted({f for x in m for f in x['fonts']}))
