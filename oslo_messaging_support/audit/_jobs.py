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
"""Which transport drivers each Zuul job of a project exercises.

* a tox job (``vars: tox_envlist``) uses what its tox environment sets
  (see :mod:`._tox`);
* a devstack or grenade job uses RabbitMQ for RPC and notifications when
  ``devstack_services`` enables ``rabbit`` (the devstack default), and a
  devstack plugin of :data:`DEVSTACK_PLUGINS` replaces the transport of
  what it carries.
"""

import dataclasses

#: ``devstack_services`` that deploy a message broker: driver, usages.
DEVSTACK_SERVICES = {
    'rabbit': ('rabbit', ('rpc', 'notifications')),
}

#: devstack plugins that set a transport: driver, usages, source.
DEVSTACK_PLUGINS = {
    'devstack-plugin-kafka': (
        'kafka', ('notifications',),
        # "kafka is only used for oslo.messaging notifications": the
        # plugin sets [oslo_messaging_notifications] transport_url.
        'openstack/devstack-plugin-kafka devstack/plugin.sh'),
}


@dataclasses.dataclass(frozen=True)
class JobUse:
    """A job that exercises a driver.

    :ivar job: the job name
    :ivar driver: the driver (URL scheme) it uses
    :ivar usage: the usages it exercises, a tuple
    :ivar how: how the job selects the driver
    :ivar kind: ``'devstack'`` or ``'tox'``
    :ivar projects: the projects it deploys (short names)
    :ivar python: the Python version of a tox job, or ``None``
    :ivar pipelines: ``{pipeline: voting}``
    :ivar sources: external sources its resolution relied on
    """

    job: str
    driver: str
    usage: tuple
    how: str
    kind: str
    projects: frozenset
    python: object
    pipelines: dict
    sources: tuple

    @property
    def votes_in_gate(self):
        """Whether the job runs in the gate and votes there."""
        return self.pipelines.get('gate') is True

    def describe_runs(self):
        """``voting in check and gate``, ``non-voting in check`` ..."""
        if not self.pipelines:
            return 'in no pipeline'
        voting = [p for p, v in sorted(self.pipelines.items()) if v]
        other = [p for p, v in sorted(self.pipelines.items()) if not v]
        parts = []
        if voting:
            parts.append('voting in %s' % ' and '.join(voting))
        if other:
            parts.append('non-voting in %s' % ' and '.join(other))
        return ', '.join(parts)


def _devstack_uses(resolved):
    uses = {}
    # Only the known names are looked up: an inherited mapping is shared
    # by every job below it, and however large, it costs each job nothing.
    for service, (driver, usage) in DEVSTACK_SERVICES.items():
        if resolved.services.get(service):
            where = ('inherited from %s' % resolved.external[-1].name
                     if resolved.external else 'in the job')
            uses[driver] = (list(usage), 'devstack_services %s: true (%s)'
                            % (service, where), [])
    plugins = resolved.vars.get('devstack_plugins') or {}
    for plugin, (driver, usage, source) in DEVSTACK_PLUGINS.items():
        if plugin not in plugins:
            continue
        for other in uses.values():
            other[0][:] = [u for u in other[0] if u not in usage]
        uses[driver] = (list(usage), 'devstack_plugins %s' % plugin,
                        [source])
    return {driver: value for driver, value in uses.items() if value[0]}


def _tox_uses(resolved, tox, known):
    """The uses of a tox job; ``known`` keeps them by ``tox_envlist``.

    Jobs that inherit one ``tox_envlist`` share its reading.
    """
    envlist = resolved.vars.get('tox_envlist')
    if not envlist or tox is None:
        return {}
    if envlist in known:
        return known[envlist]
    uses = {}
    for env in dict.fromkeys(item.strip() for item in envlist.split(',')):
        for use in tox.transports(env):
            usage, how, _ = uses.setdefault(use.scheme, ([], [], []))
            for item in ((use.usage,) if use.usage
                         else ('rpc', 'notifications')):
                if item not in usage:
                    usage.append(item)
            how.append(use.how)
    known[envlist] = {driver: (usage, '; '.join(how), [])
                      for driver, (usage, how, _) in uses.items()}
    return known[envlist]


def job_uses(zuul, tox):
    """Every (job, driver) pair of the project's pipelines.

    :param zuul: a :class:`~._zuul.ZuulConfig`
    :param tox: a :class:`~._tox.ToxConfig`, or ``None``
    :returns: a list of :class:`JobUse`
    """
    names = dict.fromkeys(entry.job for entry in zuul.entries
                          if entry.job in zuul.jobs)
    result = []
    known = {}
    for name in names:
        resolved = zuul.resolve(name)
        if resolved.job.abstract:
            continue
        kind = 'devstack' if resolved.devstack else 'tox'
        uses = (_devstack_uses(resolved) if resolved.devstack
                else _tox_uses(resolved, tox, known))
        for driver, (usage, how, sources) in uses.items():
            result.append(JobUse(
                job=name, driver=driver, usage=tuple(usage), how=how,
                kind=kind, projects=resolved.projects,
                python=resolved.python, pipelines=zuul.runs(name),
                sources=tuple(resolved.sources()) + tuple(sources)))
    return result
