#!/usr/bin/env python3
"""Clean JSON Lines (or a folder of .txt pages) with winnow on Spark.

Every partition goes through one `winnow --jsonl` process with RDD.pipe. The binary and
the rule files are shipped to the executors with SparkContext.addFile. Each record comes
out byte for byte as single-process `winnow --jsonl` writes it, and in input order unless
--no-keep-order is given.

    python3 winnow_job.py --winnow-bin ../../.build/release/winnow in.jsonl out/
    python3 winnow_job.py --winnow-bin winnow --rules ../../rules --partition-by url \\
        --single-file in.jsonl clean.jsonl
    python3 winnow_job.py --winnow-bin winnow --input-format txt pages/ out/
    spark-submit --master yarn winnow_job.py --winnow-bin winnow ... (see README.md)
"""
import argparse
import json
import os
import shlex
import stat
import subprocess
import sys
import time
import zlib
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- helpers that also run
# on the executors (no Spark needed: compare.py imports txt_record)

def txt_record(path, text, text_key="text"):
    """The JSON Lines record for one .txt document: {"path": ..., "<text_key>": ...}."""
    return json.dumps({"path": path, text_key: text}, ensure_ascii=False)


def site_of(value):
    """The site a record belongs to: the host of a URL (lower case, without "www."),
    or the value itself when it is not a URL."""
    if not isinstance(value, str):
        return "" if value is None else json.dumps(value, sort_keys=True)
    if "://" in value or value.startswith("//"):
        try:
            host = urlsplit(value).hostname or ""
        except ValueError:
            host = ""
        if host:
            return host[4:] if host.startswith("www.") else host
    return value.strip().lower()


def partition_key(line, key):
    """The site of a raw JSONL record under `key`; "" when the record has none (such
    records all go to one partition, as they would be cleaned anyway)."""
    try:
        obj = json.loads(line.lstrip("\ufeff"))
    except ValueError:
        return ""
    if not isinstance(obj, dict):
        return ""
    return site_of(obj.get(key))


def site_partition(key):
    """A hash that is the same in every Python process (str hash() is not)."""
    return zlib.crc32(key[0].encode("utf-8", "surrogatepass"))


def winnow_argv(binary, rule_paths, text_key, strict, extra):
    # -j 1: Spark already runs one task per core; a worker thread per core in every
    # task's process would put cores × cores threads on the executor.
    argv = [binary, "--jsonl", "-j", "1"]
    for r in rule_paths:
        argv += ["--rules", r]
    if text_key != "text":
        argv += ["--text-key", text_key]
    if strict:
        argv.append("--strict")
    return argv + list(extra)


# ---------------------------------------------------------------- command line

def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Clean JSON Lines (or .txt pages) with winnow, one winnow process per Spark partition.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Paths may be local paths or Hadoop URIs (hdfs://, s3a://, file://); input may be a "
               "comma-separated list, a glob or a folder (read recursively; files starting with _ or . are skipped).")
    ap.add_argument("input", help="JSONL file(s) or folder, or a folder of .txt files")
    ap.add_argument("output", help="output folder (part-* files), or a file with --single-file")
    ap.add_argument("--winnow-bin", default=os.environ.get("WINNOW_BIN"),
                    help="the winnow binary on the driver, shipped to the executors (default: $WINNOW_BIN); "
                         "or the base name of a binary already shipped with spark-submit --files")
    ap.add_argument("--rules", action="append", default=[], metavar="PATH",
                    help="a rule file or folder for winnow --rules (repeatable), shipped to the executors; "
                         "default: the rules compiled into the binary")
    ap.add_argument("--text-key", default="text", help="the field holding the text (winnow --text-key)")
    ap.add_argument("--winnow-arg", action="append", default=[], metavar="ARG",
                    help="one more argument for winnow, e.g. --winnow-arg=--lang=fa (repeatable)")
    ap.add_argument("--strict", action="store_true",
                    help="pass --strict to winnow and fail the job when a record is malformed "
                         "(default: such records pass through unchanged, as with winnow)")
    ap.add_argument("--input-format", choices=["auto", "jsonl", "txt"], default="auto",
                    help="txt: every file is one document, turned into {\"path\":…,\"text\":…}; "
                         "auto: txt when every input file ends in .txt")
    ap.add_argument("--partition-by", metavar="KEY",
                    help="put all records of one site in one partition: KEY is a field such as "
                         "\"url\" (its host is used) or \"site\"")
    ap.add_argument("--partitions", type=int, default=0,
                    help="number of partitions (default: 2 x spark.default.parallelism)")
    ap.add_argument("--no-keep-order", dest="keep_order", action="store_false",
                    help="skip the sort that puts records back in input order (with --partition-by "
                         "or txt input; JSONL without --partition-by keeps its order anyway)")
    ap.add_argument("--single-file", action="store_true", help="write one JSONL file instead of a folder")
    ap.add_argument("--overwrite", action="store_true", help="replace the output if it exists")
    ap.add_argument("--master", help="Spark master when run with python3 (default: local[*]); "
                                     "under spark-submit, its --master is used")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                    help="environment for the winnow processes (RDD.pipe gives them an empty one), "
                         "e.g. --env LD_LIBRARY_PATH=/opt/pcre2/lib")
    ap.add_argument("--log-level", default="ERROR", help="Spark's log level (default: ERROR)")
    ap.add_argument("--stats", metavar="FILE", help="write records, seconds and records/s as JSON")
    args = ap.parse_args(argv)
    if not args.winnow_bin:
        ap.error("--winnow-bin (or $WINNOW_BIN) is required")
    for e in args.env:
        if "=" not in e:
            ap.error(f"--env wants NAME=VALUE, not {e!r}")
    return args


# ---------------------------------------------------------------- Spark side

def start_spark(args):
    """A SparkContext; under plain python3, Spark's own logging is kept quiet from the start."""
    launched_by_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if not launched_by_submit and "PYSPARK_SUBMIT_ARGS" not in os.environ:
        log4j = os.path.join(HERE, "log4j2.properties")
        if os.path.exists(log4j):
            os.environ["PYSPARK_SUBMIT_ARGS"] = (
                f"--driver-java-options -Dlog4j2.configurationFile=file:{shlex.quote(log4j)} pyspark-shell")
    from pyspark import SparkConf, SparkContext
    conf = SparkConf().setAppName("winnow")
    if args.master:
        conf.setMaster(args.master)
    elif not launched_by_submit and not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    conf.setIfMissing("spark.ui.enabled", "false")
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel(args.log_level)
    return sc


def hadoop_fs(sc, uri):
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path, path.getFileSystem(sc._jsc.hadoopConfiguration())


def expand_inputs(sc, spec):
    """[(uri, size)] of every input file, sorted by path: globs and folders expanded
    (recursively), hidden files (_SUCCESS, .crc, ...) left out."""
    files = []
    for part in spec.split(","):
        if not part:
            continue
        if "://" not in part and not part.startswith("file:"):
            part = "file://" + os.path.abspath(part)
        path, fs = hadoop_fs(sc, part)
        statuses = fs.globStatus(path)
        if statuses is None or len(statuses) == 0:
            raise SystemExit(f"winnow_job: no input matches {part}")
        for st in statuses:
            if st.isDirectory():
                it = fs.listFiles(st.getPath(), True)
                while it.hasNext():
                    f = it.next()
                    rel = f.getPath().toString()[len(st.getPath().toString()):]
                    if any(seg.startswith(("_", ".")) for seg in rel.split("/") if seg):
                        continue
                    files.append((f.getPath().toString(), f.getLen()))
            else:
                files.append((st.getPath().toString(), st.getLen()))
    files = sorted(set(files))
    if not files:
        raise SystemExit(f"winnow_job: no input files in {spec}")
    return files


def is_local_master(master):
    return master == "local" or master.startswith("local[")


def ship(sc, path, tmpdir):
    """Ships a file or folder to every executor; returns its name in SparkFiles.
    A name already shipped by spark-submit --files/--archives is used as it is. A folder
    goes as a folder in local mode and as a .zip archive (unpacked under the same name)
    on a cluster, where Spark's addFile takes no local folders."""
    name = os.path.basename(path.rstrip("/"))
    shipped = set()
    for key in ("spark.files", "spark.yarn.dist.files", "spark.archives", "spark.yarn.dist.archives"):
        for entry in (sc.getConf().get(key) or "").split(","):
            entry = entry.strip()
            if entry:
                shipped.add(entry.split("#", 1)[1] if "#" in entry else os.path.basename(entry.rstrip("/")))
    if name in shipped:
        # spark-submit shipped it (in cluster mode the driver's working directory holds a
        # copy too, and adding that again under the same name would fail).
        return name
    if "://" in path:
        uri, fs = hadoop_fs(sc, path)
        sc.addFile(path, recursive=fs.getFileStatus(uri).isDirectory())
        return name
    if not os.path.exists(path):
        raise SystemExit(f"winnow_job: {path}: no such file or folder (and not shipped with --files/--archives)")
    path = os.path.abspath(path)
    if not os.path.isdir(path):
        sc.addFile(path)
    elif is_local_master(sc.master):
        sc.addFile(path, recursive=True)
    else:
        import zipfile
        archive = os.path.join(tmpdir, name + ".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                for f in sorted(files):
                    full = os.path.join(folder, f)
                    z.write(full, os.path.relpath(full, path))
        sc.addArchive(archive + "#" + name)
    return name


class WinnowSetupError(RuntimeError):
    pass


def counted(iterator, accumulator):
    n = 0
    for x in iterator:
        n += 1
        yield x
    accumulator.add(n)


def make_prepare(names, argv, env, records_in):
    """Runs on the executor before RDD.pipe starts winnow in the same task: makes the
    shipped binary executable where SparkFiles put it, checks that argv[0] (fixed on the
    driver) is that file, and runs winnow once on no input so that a missing library,
    a binary for another OS or architecture, or a broken rule file fails with its own
    message instead of a short output."""
    def prepare(split, iterator):
        from pyspark import SparkFiles
        shipped_bin = SparkFiles.get(names[0])
        if not os.path.isfile(argv[0]) or not os.path.samefile(argv[0], shipped_bin):
            raise WinnowSetupError(
                f"winnow is at {shipped_bin} on this executor, but the pipe command names {argv[0]} "
                f"(cwd {os.getcwd()}): SparkFiles are not in the Python workers' working directory here")
        mode = os.stat(shipped_bin).st_mode
        if mode & stat.S_IXUSR == 0:
            os.chmod(shipped_bin, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        checked = sys.__dict__.setdefault("_winnow_job_checked", set())
        key = tuple(argv)
        if key not in checked:
            try:
                p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=env, timeout=120)
            except OSError as e:
                raise WinnowSetupError(f"cannot run {argv[0]} on this executor: {e} "
                                       "(built for another OS or architecture?)") from e
            if p.returncode != 0:
                raise WinnowSetupError(
                    f"{shlex.join(argv)} failed on this executor (exit {p.returncode}): "
                    f"{p.stderr.decode('utf-8', 'replace').strip()}")
            checked.add(key)
        # prepare is no generator: all of the above runs before the pipe starts winnow.
        return counted(iterator, records_in)
    return prepare


def read_records(sc, args, files, n):
    """(RDD[(order, line)], format, K): every record with a key that sorts in input order;
    the key is a pair whose first member is in range(K)."""
    fmt = args.input_format
    if fmt == "auto":
        fmt = "txt" if all(u.endswith(".txt") for u, _ in files) else "jsonl"
    if fmt == "txt":
        uris = ",".join(u for u, _ in files)
        order = {u: i for i, (u, _) in enumerate(files)}
        roots = [u.rstrip("/") + "/" for u in (expand_roots(args.input))]
        text_key = args.text_key

        def to_record(kv):
            uri, text = kv
            rel = uri
            for r in roots:
                if uri.startswith(r):
                    rel = uri[len(r):]
                    break
            if rel.startswith("file:"):
                rel = rel[len("file:"):]
            return (order.get(uri, len(order)), 0), txt_record(rel, text, text_key)
        return sc.wholeTextFiles(uris, minPartitions=n).map(to_record), fmt, len(files) + 1
    total = sum(size for _, size in files)
    split = max(1 << 20, -(-total // n))          # about n splits, none under 1 MiB
    conf = {
        # Only LF ends a record (the default would also split at CR and drop it).
        "textinputformat.record.delimiter": "\n",
        "mapreduce.input.fileinputformat.split.maxsize": str(split),
        "mapreduce.input.fileinputformat.split.minsize": "1",
    }

    def read(uris, bom):
        pairs = sc.newAPIHadoopFile(",".join(uris), "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
                                    "org.apache.hadoop.io.LongWritable", "org.apache.hadoop.io.Text", conf=conf)
        if not bom:
            return pairs.values()
        # Hadoop drops a UTF-8 byte-order mark at the start of a file; winnow keeps it on
        # the first record of its input, so it is put back (its file is read on its own,
        # so that record is the first of its partition, as it is the first winnow reads).
        return pairs.map(lambda kv: "\ufeff" + kv[1] if kv[0] == 0 else kv[1])

    # Runs of files without a BOM are read together; a file with one on its own.
    groups, run_uris = [], []
    for uri, size in files:
        if size >= 3 and starts_with_bom(sc, uri):
            if run_uris:
                groups.append(read(run_uris, False))
                run_uris = []
            groups.append(read([uri], True))
        else:
            run_uris.append(uri)
    if run_uris:
        groups.append(read(run_uris, False))
    lines = groups[0] if len(groups) == 1 else sc.union(groups)
    # (partition, position) sorts in input order: splits come in file and offset order.
    return (lines.mapPartitionsWithIndex(lambda s, it: (((s, i), l) for i, l in enumerate(it))), fmt,
            lines.getNumPartitions())


def starts_with_bom(sc, uri):
    if uri.startswith("file:"):
        path = uri[len("file:"):]
        if path.startswith("//"):
            path = path[2:]
        with open(path, "rb") as f:
            return f.read(3) == b"\xef\xbb\xbf"
    path, fs = hadoop_fs(sc, uri)
    stream = fs.open(path)
    try:
        return [stream.read(), stream.read(), stream.read()] == [0xEF, 0xBB, 0xBF]
    finally:
        stream.close()


def expand_roots(spec):
    roots = []
    for part in spec.split(","):
        if part and "://" not in part and not part.startswith("file:"):
            part = "file://" + os.path.abspath(part)
        if part:
            roots.append(part.replace("file:///", "file:/", 1))
    return roots


def write_output(sc, rdd, args):
    out = args.output
    if "://" not in out and not out.startswith("file:"):
        out = "file://" + os.path.abspath(out)
    path, fs = hadoop_fs(sc, out)
    if fs.exists(path):
        if not args.overwrite:
            raise SystemExit(f"winnow_job: {args.output} exists (use --overwrite)")
        fs.delete(path, True)
    if not args.single_file:
        rdd.saveAsTextFile(out)
        return
    tmp = out.rstrip("/") + f".winnow-tmp-{os.getpid()}"
    rdd.coalesce(1).saveAsTextFile(tmp)
    tpath, _ = hadoop_fs(sc, tmp)
    parts = [s.getPath() for s in fs.listStatus(tpath) if s.getPath().getName().startswith("part-")]
    if len(parts) != 1:
        raise SystemExit(f"winnow_job: expected one part file in {tmp}, found {len(parts)}")
    if not fs.rename(parts[0], path):
        raise SystemExit(f"winnow_job: cannot move {parts[0]} to {out}")
    fs.delete(tpath, True)


def run(args):
    t0 = time.time()
    sc = start_spark(args)
    import shutil
    import tempfile
    tmpdir = tempfile.mkdtemp(prefix="winnow-job-")
    try:
        return clean(sc, args, t0, tmpdir)
    finally:
        sc.stop()
        shutil.rmtree(tmpdir, ignore_errors=True)


def clean(sc, args, t0, tmpdir):
    t1 = time.time()
    from pyspark import SparkFiles, StorageLevel
    if __name__ != "__main__":
        # Imported as a module: its functions are pickled by reference, so the executors
        # need the module itself.
        sc.addPyFile(os.path.abspath(__file__))
    n = args.partitions or max(2, 2 * sc.defaultParallelism)

    # Ship the binary and the rules; the pipe command names them where the executors'
    # SparkFiles put them: in local mode that is the driver's SparkFiles folder, on a
    # cluster it is each executor's working directory (the Python workers' cwd).
    names = [ship(sc, args.winnow_bin, tmpdir)] + [ship(sc, r, tmpdir) for r in args.rules]
    if len(set(names)) != len(names):
        raise SystemExit(f"winnow_job: two shipped files share a name: {names}")
    local = is_local_master(sc.master)
    where = (lambda name: SparkFiles.get(name)) if local else (lambda name: "./" + name)
    argv = winnow_argv(where(names[0]), [where(r) for r in names[1:]], args.text_key,
                       args.strict, args.winnow_arg)
    env = dict(e.split("=", 1) for e in args.env)
    command = shlex.join(argv)

    files = expand_inputs(sc, args.input)
    records, fmt, k = read_records(sc, args, files, n)
    sort_needed = args.keep_order and (bool(args.partition_by) or fmt == "txt")
    if args.partition_by:
        key = args.partition_by
        # Key (site, order): all of a site's records in one partition, in input order.
        records = (records.map(lambda kv: ((partition_key(kv[1], key), kv[0]), kv[1]))
                   .repartitionAndSortWithinPartitions(n, site_partition)
                   .map(lambda kv: (kv[0][1], kv[1])))
    # Kept for the zip below, which reads the records twice: their keys and winnow's input.
    records = records.persist(StorageLevel.MEMORY_AND_DISK)
    records_in = sc.accumulator(0)
    cleaned = (records.values()
               .mapPartitionsWithIndex(make_prepare(names, argv, env, records_in))
               .pipe(command, env=env, checkCode=args.strict))
    # winnow writes one line for every line it reads, in order, so the zip pairs each
    # record's key with its cleaned self; it fails the job if a winnow process wrote fewer
    # lines than it was given (a crash), so nothing is lost without an error.
    paired = records.keys().zip(cleaned)
    if sort_needed:
        # The first member of the order key is in range(k): ranges of it make partitions
        # in input order, without the sampling pass of sortByKey (which would run winnow
        # twice).
        paired = paired.repartitionAndSortWithinPartitions(n, lambda o: o[0] * n // k)
    result = paired.values()
    try:
        write_output(sc, result, args)
    except Exception as e:          # py4j errors carry the executor's Python traceback
        msg = str(e)
        if "WinnowSetupError" in msg:
            line = next((l for l in msg.splitlines() if "WinnowSetupError: " in l), msg)
            raise SystemExit("winnow_job: " + line.split("WinnowSetupError: ", 1)[-1].strip())
        if "PIPE_FUNCTION_EXITED" in msg:
            code = next((l for l in msg.splitlines() if "PIPE_FUNCTION_EXITED" in l), "").strip()
            raise SystemExit(f"winnow_job: a winnow process failed with --strict (a malformed record? "
                             f"its message is in the executors' stderr): {code}")
        if "same number of elements" in msg or "different number of items" in msg:
            raise SystemExit("winnow_job: a winnow process wrote a different number of lines than it "
                             "read (did it crash? see the executors' stderr)")
        raise
    count = records_in.value
    t2 = time.time()
    parts = records.getNumPartitions()
    records.unpersist()
    seconds, wall = t2 - t1, t2 - t0
    stats = {"records": count, "seconds": round(seconds, 3), "wall_seconds": round(wall, 3),
             "records_per_s": round(count / seconds, 1) if seconds > 0 else None,
             "records_per_s_with_startup": round(count / wall, 1) if wall > 0 else None,
             "partitions": parts, "master": sc.master, "format": fmt,
             "partition_by": args.partition_by, "command": command}
    print(f"winnow_job: {count} records in {seconds:.1f} s ({stats['records_per_s']} records/s; "
          f"{wall:.1f} s with Spark's start-up), {parts} partitions, master {sc.master}", file=sys.stderr)
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=1)
    return stats


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    run(args)


if __name__ == "__main__":
    main()
