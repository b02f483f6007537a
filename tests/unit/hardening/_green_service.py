# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""An eventlet service that creates transports from 64 greenthreads.

Run as ``python _green_service.py MODE OVERLAY DRIVER_DIR``; it
monkey-patches first, as eventlet services do, then spawns the
greenthreads at once and prints a JSON summary on stdout: each
greenthread's URL and outcome, the warning categories and our log lines.
MODE is ``drop-in`` (our loaders) or ``enable`` (``enable(conf)`` then
unmodified oslo.messaging calls).
"""

import eventlet

eventlet.monkey_patch()

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

from oslo_config import cfg  # noqa: E402
import oslo_messaging  # noqa: E402

import oslo_messaging_support as oms  # noqa: E402
from oslo_messaging_support import opts  # noqa: E402

GREENTHREADS = 64
URLS = ('fake://', 'private://', 'amqp://guest:guest@127.0.0.1:5672/',
        'rabbit://guest:guest@127.0.0.1:5672/', 'mydriver://h/')


def main(mode, overlay, driver_dir):
    sys.path.insert(0, driver_dir)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter('%(levelname)s %(message)s'))
    logger = logging.getLogger('oslo.messaging_support')
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    conf = cfg.ConfigOpts()
    conf([], project='green')
    opts.register_opts(conf)
    conf.set_override('manifest_overlay', overlay, opts.GROUP)
    conf.set_override('allowed_drivers', ['private'], opts.GROUP)
    # As the rest of the suite (tests.base.EVALUATED_VERSION), whatever
    # oslo.messaging the matrix environment installed.
    conf.set_override('evaluation_release', 'hibiscus', opts.GROUP)
    if mode == 'enable':
        oms.enable(conf)
        factory = oslo_messaging.get_rpc_transport
    else:
        factory = oms.get_rpc_transport
    outcomes = []
    unexpected = []

    def create(url):
        eventlet.sleep(0)  # let every greenthread start first
        try:
            transport = factory(conf, url)
        except oms.UnsupportedDriver as exc:
            outcomes.append([url, 'refused', exc.driver])
        except BaseException as exc:
            unexpected.append(repr(exc))
        else:
            outcomes.append([url, type(transport).__name__, None])
            transport.cleanup()

    pool = eventlet.GreenPool(GREENTHREADS)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        for i in range(GREENTHREADS):
            pool.spawn(create, URLS[i % len(URLS)])
        with eventlet.Timeout(120):
            pool.waitall()
    json.dump({
        'outcomes': outcomes,
        'unexpected': unexpected,
        'warnings': [w.category.__name__ for w in caught
                     if issubclass(w.category, oms.DriverSupportWarning)],
        'log': stream.getvalue(),
        'patched': eventlet.patcher.is_monkey_patched('thread'),
    }, sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
