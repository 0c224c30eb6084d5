"""Made with: jfr print --events jdk.ExecutionSample --stack-depth 30 SERVICE-drain.jfr > s.txt; python3 bench/inclusive_frames.py s.txt
Aggregates `jfr print --events jdk.ExecutionSample` output: top frames on CPU, the first org.toxwatch frame of each
sample, and frames counted inclusively (libraries of interest only)."""
import collections
import re
import sys

LIBRARIES = ('hibernate', 'jackson', 'pgclient', 'kafka', 'toxwatch', 'hapi', 'fhir', 'ucum', 'regex', 'smallrye')

samples = open(sys.argv[1]).read().split('jdk.ExecutionSample {')[1:]
on_cpu, first_ours, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
for sample in samples:
    stack = re.search(r'stackTrace = \[(.*?)\n\s*\]', sample, re.S)
    if not stack:
        continue
    frames = [re.sub(r'\s+line:.*', '', line.strip()) for line in stack.group(1).split('\n')
              if line.strip() and not line.strip().startswith('...')]
    if not frames:
        continue
    on_cpu[frames[0]] += 1
    ours = next((f for f in frames if 'org.toxwatch' in f), None)
    if ours:
        first_ours[ours] += 1
    for method in {re.sub(r'\(.*', '', f) for f in frames}:
        inclusive[method] += 1

total = len(samples)
print('samples', total)
for title, counts, rows in (('top self', on_cpu, 15), ('first org.toxwatch frame', first_ours, 12)):
    print('--', title)
    for frame, count in counts.most_common(rows):
        print(f'{count * 100 / total:5.1f}% {frame[:150]}')
print('-- inclusive (selected libraries)')
for frame, count in inclusive.most_common(200):
    if any(name in frame for name in LIBRARIES):
        print(f'{count * 100 / total:5.1f}% {frame[:150]}')
