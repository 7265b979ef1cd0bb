#!/usr/bin/env python3
"""Which B-trees a write load dirties: WAL frames counted by the table or index that owns
each page (issue 10: a transaction's commit time is proportional to its WAL pages).

Usage: wal_pages.py DB BEFORE.wal COPY.wal...
  DB          the live database file (read through SQLite's dbstat, read-only)
  BEFORE.wal  a copy of DB-wal taken just before the load: its generation is left out
  COPY.wal    copies of DB-wal taken during the load (e.g. every 0.15 s with cp): for each
              WAL generation (salts) the longest copy counts, its frames once each

Prints the frames, commits and frames per commit, then each B-tree's frames and share.
Pages per request are the share times the run's pages per request (/metrics,
percolator_store_write_wal_pages_total over percolator_store_write_requests_total).
A page is attributed to the B-tree that owns it when dbstat runs (after the copies)."""
import collections, sqlite3, struct, sys


def frames_of(path):
    """The salts of the WAL copy at `path` and its (page, commit size) frames of that generation."""
    data = open(path, 'rb').read()
    if len(data) < 32:
        return None, []
    _, _, page_size, _, salt1, salt2 = struct.unpack('>6I', data[:24])
    offset, frames = 32, []
    while offset + 24 + page_size <= len(data):
        page, commit_size, frame_salt1, frame_salt2 = struct.unpack('>4I', data[offset:offset + 16])
        if (frame_salt1, frame_salt2) != (salt1, salt2):
            break
        frames.append((page, commit_size))
        offset += 24 + page_size
    return (salt1, salt2), frames


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    skipped, _ = frames_of(sys.argv[2])
    generations = {}
    for path in sys.argv[3:]:
        salts, frames = frames_of(path)
        if salts is not None and salts != skipped and len(frames) > len(generations.get(salts, [])):
            generations[salts] = frames
    owner = dict(sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True).execute('SELECT pageno, name FROM dbstat'))
    counts, total, commits = collections.Counter(), 0, 0
    for frames in generations.values():
        for page, commit_size in frames:
            counts[owner.get(page, '(new or free page)')] += 1
            total += 1
            commits += bool(commit_size)
    print(f'{len(generations)} WAL generations, {total} frames, {commits} commits, {total / max(commits, 1):.1f} frames per commit')
    for name, count in counts.most_common():
        print(f'{count:8d} {100 * count / max(total, 1):5.1f}%  {name}')


if __name__ == '__main__':
    main()
