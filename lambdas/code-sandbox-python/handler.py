"""Verdict's Python sandbox function.

Runs one program (the event's inline runner with the program file) with the function's Python,
in a fresh directory, with an empty environment, CPU / address-space / file-size / process
limits (setrlimit), a wall-clock limit that kills the whole process group, and output caps.
Answers how the process ended; the caller names the failure class (lib/sandbox/classify-exit.ts).
The function itself has no network route and no permissions beyond its logs.
"""
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time



def _limits(event):
    cpu = max(1, -(-event['timeoutMs'] // 1000))
    memory = event['memoryMb'] * 1024 * 1024
    size = event['outputLimitBytes']

    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


class _Capture(threading.Thread):
    """Reads one stream, keeps its first `keep` bytes, and kills the group past the shared budget."""

    def __init__(self, stream, keep, budget, process):
        super().__init__(daemon=True)
        self.stream, self.keep, self.budget, self.process = stream, keep, budget, process
        self.kept = bytearray()
        self.truncated = False

    def run(self):
        while True:
            chunk = self.stream.read1(65536)
            if not chunk:
                return
            room = self.keep - len(self.kept)
            self.kept += chunk[:max(room, 0)]
            if len(chunk) > room:
                self.truncated = True
            with self.budget['lock']:
                self.budget['total'] += len(chunk)
                if self.budget['total'] > self.budget['limit'] and not self.budget['exceeded']:
                    self.budget['exceeded'] = True
                    _kill(self.process)

    def text(self):
        return self.kept.decode('utf-8', 'replace')


def _kill(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass


def handler(event, context=None):
    work = tempfile.mkdtemp(prefix='verdict-sandbox-')
    try:
        with open(os.path.join(work, event['programName']), 'w', encoding='utf-8') as handle:
            handle.write(event['program'])
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, *event['args']], cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={'PATH': '/usr/local/bin:/usr/bin:/bin', 'HOME': work, 'TMPDIR': work, 'LANG': 'C.UTF-8'}, preexec_fn=_limits(event),
        )
        budget = {'total': 0, 'limit': event['outputLimitBytes'], 'exceeded': False, 'lock': threading.Lock()}
        stdout = _Capture(process.stdout, event['captureBytes'], budget, process)
        stderr = _Capture(process.stderr, event['captureBytes'], budget, process)
        stdout.start()
        stderr.start()
        timed_out = False
        try:
            process.wait(timeout=event['timeoutMs'] / 1000)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill(process)
            process.wait()
        stdout.join(2)
        stderr.join(2)
        code = process.returncode
        return {
            'exitCode': code if code is not None and code >= 0 else None,
            'signal': signal.Signals(-code).name if code is not None and code < 0 else None,
            'timedOut': timed_out,
            'outputExceeded': budget['exceeded'],
            'stdout': stdout.text(),
            'stderr': stderr.text(),
            'truncated': stdout.truncated or stderr.truncated,
            'durationMs': (time.monotonic() - started) * 1000,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if os.environ.get('VERDICT_SANDBOX_WIPE_TMP') == '1':
            for name in os.listdir(tempfile.gettempdir()):
                shutil.rmtree(os.path.join(tempfile.gettempdir(), name), ignore_errors=True)
