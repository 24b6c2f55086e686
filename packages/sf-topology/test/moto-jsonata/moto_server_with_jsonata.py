"""moto_server with JSONata evaluation.

moto 5.2.1 evaluates JSONata through a JVM bridge (jpype + the dashjoin jars) that it does not ship; without
it every `{% ... %}` expression fails. This starts the same moto_server with that one function supplied by
the reference JavaScript implementation (the npm `jsonata` package, 2.0.6 as AWS implements), run in one
long-lived `node evaluate-jsonata.mjs` child. Everything else is moto's own ASL interpreter.

Usage: python3 moto_server_with_jsonata.py [moto_server arguments]
"""

import json
import os
import subprocess
import sys
import threading

from moto.stepfunctions.parser.asl.jsonata import jsonata as moto_jsonata

_HERE = os.path.dirname(os.path.abspath(__file__))
_lock = threading.Lock()
_child = None


def _evaluator():
    global _child
    if _child is None or _child.poll() is not None:
        _child = subprocess.Popen(
            [os.environ.get("REPRO_NODE", "node"), os.path.join(_HERE, "evaluate-jsonata.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=_HERE,
        )
    return _child


def _eval_jsonata(expression):
    with _lock:
        child = _evaluator()
        child.stdin.write(json.dumps({"expression": expression}) + "\n")
        child.stdin.flush()
        line = child.stdout.readline()
    if not line:
        raise moto_jsonata.JSONataException("UNKNOWN", "the JSONata evaluator exited")
    answer = json.loads(line)
    if not answer["ok"]:
        raise moto_jsonata.JSONataException("UNKNOWN", answer["error"])
    return answer.get("value")


moto_jsonata._eval_jsonata = _eval_jsonata

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main(sys.argv[1:]))
