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
"""Read a project's Zuul configuration: jobs, inheritance and pipelines.

Zuul jobs inherit from a ``parent:``; a project lists the jobs its
``check`` and ``gate`` pipelines run, and a job runs without voting when its
definition or the project's pipeline entry says ``voting: false``.

The parents that oslo.messaging's jobs use live in other repositories.
:data:`EXTERNAL_JOBS` records what this audit needs of them, each with its
source; a parent not listed there is reported as not followed.
"""

import dataclasses
import os
import re

import yaml

from oslo_messaging_support.audit import _confined
from oslo_messaging_support.audit import _model
from oslo_messaging_support import exception
from oslo_messaging_support.readers import bounded
from oslo_messaging_support.readers import yamlfile

#: The OpenStack projects a devstack (or grenade) job deploys.
_DEVSTACK_PROJECTS = ('cinder', 'glance', 'keystone', 'neutron', 'nova',
                      'placement', 'swift')


@dataclasses.dataclass(frozen=True)
class ExternalJob:
    """What the audit knows of a job defined in another repository.

    :ivar name: the job name
    :ivar parent: its parent's name, or ``None``
    :ivar projects: OpenStack projects it deploys (short names)
    :ivar services: its ``devstack_services`` that matter here
    :ivar source: where these facts come from
    """

    name: str
    parent: object = None
    projects: tuple = ()
    services: tuple = ()
    source: str = ''


#: Parent jobs of other repositories, with the facts the audit uses.
EXTERNAL_JOBS = {job.name: job for job in (
    ExternalJob(
        'devstack', projects=_DEVSTACK_PROJECTS,
        services=(('rabbit', True),),
        source='openstack/devstack .zuul.yaml (job devstack)'),
    ExternalJob(
        'devstack-tempest', parent='devstack',
        source='openstack/tempest zuul.d/base.yaml (job devstack-tempest)'),
    ExternalJob(
        'grenade', projects=_DEVSTACK_PROJECTS,
        services=(('rabbit', True),),
        source='openstack/grenade .zuul.yaml (job grenade)'),
    ExternalJob(
        'grenade-multinode', parent='grenade',
        source='openstack/grenade .zuul.yaml (job grenade-multinode)'),
)}

#: ``openstack-tox-py311``: the unit test job of one Python version.
_TOX_PY_JOB = re.compile(r'^openstack-tox-py(\d)(\d+)$')
_TOX_PY_SOURCE = 'openstack/openstack-zuul-jobs zuul.d/jobs.yaml'

#: Where Zuul looks for a project's configuration, in its order.
CONFIG_NAMES = ('zuul.yaml', 'zuul.d', '.zuul.yaml', '.zuul.d')
#: The pipelines the policy speaks of.
PIPELINES = ('check', 'gate')


class _Loader(yamlfile._LineLoader):
    """The line-keeping loader, tolerant of Zuul's ``!encrypted`` tags."""


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_Loader.add_multi_constructor('!', _construct_tagged)


@dataclasses.dataclass(frozen=True)
class Job:
    """A job as one file defines it (before inheritance).

    :ivar voting: ``False``/``True`` where the definition says, else
        ``None``
    """

    name: str
    path: str
    line: object
    parent: object = None
    description: object = None
    abstract: bool = False
    voting: object = None
    required_projects: tuple = ()
    vars: dict = dataclasses.field(default_factory=dict, compare=False)


@dataclasses.dataclass(frozen=True, eq=False)
class _Link:
    """One job of an inheritance chain, with what it inherits.

    Every job (of the project, of :data:`EXTERNAL_JOBS`, or unknown) is
    resolved once: its link refers to its parent's and shares what the
    job does not change, so that resolving every job of a long chain takes
    time in proportion to the number of jobs, not to its square.

    :ivar up: the parent's link, or ``None``
    :ivar external_services: the ``services`` of the external ancestors
    :ivar services: those overridden by the merged ``devstack_services``
    """

    name: str
    up: object
    external: tuple
    unresolved: object
    python: object
    external_services: dict
    vars: dict
    projects: frozenset
    voting: object
    services: dict

    def chain(self):
        names = []
        link = self
        while link is not None:
            names.append(link.name)
            link = link.up
        return tuple(names)


@dataclasses.dataclass(frozen=True)
class ResolvedJob:
    """A job with everything it inherits.

    :ivar external: the :class:`ExternalJob` ancestors
    :ivar unresolved: the first ancestor neither defined nor known, or
        ``None``
    :ivar vars: the merged ``vars`` (a child's value wins)
    :ivar projects: short names of the projects it deploys or requires
    :ivar services: the merged ``devstack_services``
    :ivar python: the Python version of an ``openstack-tox-pyXY`` ancestor
    :ivar voting: the definition's voting (``True`` unless set otherwise)
    """

    job: Job
    external: tuple
    unresolved: object
    vars: dict
    projects: frozenset
    services: dict
    python: object
    voting: bool
    link: _Link = dataclasses.field(repr=False, compare=False)

    @property
    def name(self):
        return self.job.name

    @property
    def chain(self):
        """Job names from the job up to its last known ancestor."""
        return self.link.chain()

    @property
    def devstack(self):
        """Whether a devstack or grenade deployment runs the job."""
        return any(job.name in ('devstack', 'grenade')
                   for job in self.external)

    def sources(self):
        """The external sources the resolution relied on."""
        found = [job.source for job in self.external]
        if self.python:
            found.append(_TOX_PY_SOURCE)
        return found


@dataclasses.dataclass(frozen=True)
class PipelineEntry:
    """A job in a project pipeline.

    :ivar voting: what the pipeline entry says, or ``None``
    """

    job: str
    pipeline: str
    voting: object
    path: str
    line: object


def _short_project(name):
    return str(name).rstrip('/').rsplit('/', 1)[-1]


#: The most inherited values (variables, projects, services) that
#: resolving the jobs of one configuration may copy from parents to
#: children; a configuration that needs more is refused.
MAX_INHERITED = 1000000


class _Budget:
    """What resolving one configuration's jobs may still copy."""

    def __init__(self, limit=MAX_INHERITED):
        self.left = limit

    def spend(self, count, job):
        self.left -= count
        if self.left < 0:
            _fail(job.path, job.line,
                  'job %s: resolving the jobs\' inheritance copies more '
                  'than %d inherited variables, projects and services; '
                  'the audit reads at most that many'
                  % (bounded.excerpt(job.name), MAX_INHERITED))


def _merge(base, override, budget, job):
    """``override`` merged over ``base`` (nested mappings merged too)."""
    result = dict(base)
    budget.spend(len(result), job)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            # Depth is bounded by the YAML reader (yamlfile.MAX_DEPTH).
            result[key] = _merge(result[key], value, budget, job)
        else:
            result[key] = value
    return result


def _services(external_services, variables):
    services = dict(external_services)
    services.update(variables.get('devstack_services') or {})
    return services


def _outside_link(name, up, budget, job):
    """The link of a job this project does not define.

    :param job: the project's job being resolved, for messages
    """
    external = EXTERNAL_JOBS.get(name)
    if external is not None:
        inherited = up.external_services if up else {}
        variables = up.vars if up else {}
        budget.spend(2 * len(inherited) + len(
            variables.get('devstack_services') or ()), job)
        external_services = dict(inherited)
        external_services.update(dict(external.services))
        return _Link(
            name=name, up=up, external=(external,) + (up.external if up
                                                      else ()),
            unresolved=up.unresolved if up else None,
            python=up.python if up else None,
            external_services=external_services, vars=variables,
            projects=frozenset(external.projects) | (
                up.projects if up else frozenset()),
            voting=up.voting if up else None,
            services=_services(external_services, variables))
    match = _TOX_PY_JOB.match(name)
    return _Link(name=name, up=None, external=(),
                 unresolved=None if match else name,
                 python='%s.%s' % match.groups() if match else None,
                 external_services={}, vars={}, projects=frozenset(),
                 voting=None, services={})


def _job_link(job, up, budget):
    """The link of a job of this project, over its parent's link."""
    variables = up.vars if up else {}
    services = up.services if up else {}
    if job.vars:
        variables = _merge(variables, job.vars, budget, job)
        if 'devstack_services' in job.vars:
            external_services = up.external_services if up else {}
            budget.spend(len(external_services) +
                         len(variables['devstack_services'] or ()), job)
            services = _services(external_services, variables)
    projects = up.projects if up else frozenset()
    own = {_short_project(p) for p in job.required_projects}
    if not own <= projects:
        budget.spend(len(projects), job)
        projects = projects | own
    return _Link(
        name=job.name, up=up, external=up.external if up else (),
        unresolved=up.unresolved if up else None,
        python=up.python if up else None,
        external_services=up.external_services if up else {},
        vars=variables, projects=projects,
        voting=job.voting if job.voting is not None else (
            up.voting if up else None),
        services=services)


class ZuulConfig:
    """The jobs and project pipelines of one repository.

    :param jobs: ``{name: Job}``
    :param entries: :class:`PipelineEntry` objects
    :param templates: names of the project templates the project uses
    :param paths: the files read
    """

    def __init__(self, jobs, entries, templates, paths):
        self.jobs = dict(jobs)
        self.entries = tuple(entries)
        self.templates = tuple(templates)
        self.paths = tuple(paths)
        self._by_job = {}
        for entry in self.entries:
            self._by_job.setdefault(entry.job, []).append(entry)
        self._links = {}
        self._resolved = {}
        self._budget = _Budget()

    def _parent_of(self, name):
        if name in self.jobs:
            return self.jobs[name].parent
        external = EXTERNAL_JOBS.get(name)
        return external.parent if external is not None else None

    def _link(self, name):
        """The :class:`_Link` of any job name, resolved once.

        The chain is walked up without recursion until a job already
        resolved (or the top), remembering the jobs visited, then resolved
        down from there: each job of the configuration is visited once
        however many jobs inherit from it.

        :raises AuditError: the inheritance has a cycle
        """
        pending = []
        visited = set()
        current = name
        while current is not None and current not in self._links:
            if current in visited:
                job = self.jobs[name]
                cycle = pending[pending.index(current):] + [current]
                _fail(job.path, job.line,
                      'job %s: its parents form a cycle (%s)'
                      % (bounded.excerpt(name), bounded.excerpt(
                          ' -> '.join(cycle), 4 * bounded.EXCERPT_CHARS)))
            visited.add(current)
            pending.append(current)
            current = self._parent_of(current)
        up = self._links.get(current)
        for item in reversed(pending):
            if item in self.jobs:
                link = _job_link(self.jobs[item], up, self._budget)
            else:
                link = _outside_link(item, up, self._budget,
                                     self.jobs[name])
            self._links[item] = up = link
        return self._links[name]

    def resolve(self, name):
        """The :class:`ResolvedJob` for a job of this project.

        :raises AuditError: the inheritance has a cycle, or copies more
            than :data:`MAX_INHERITED` values
        """
        resolved = self._resolved.get(name)
        if resolved is not None:
            return resolved
        link = self._link(name)
        resolved = self._resolved[name] = ResolvedJob(
            job=self.jobs[name], external=link.external,
            unresolved=link.unresolved, vars=link.vars,
            projects=link.projects, services=link.services,
            python=link.python,
            voting=True if link.voting is None else link.voting,
            link=link)
        return resolved

    def runs(self, name):
        """``{pipeline: voting}`` for each project pipeline running a job.

        A pipeline entry's ``voting`` wins over the job definition's.
        """
        result = {}
        for entry in self._by_job.get(name, ()):
            if entry.voting is not None:
                result[entry.pipeline] = entry.voting
            else:
                result[entry.pipeline] = (self.resolve(name).voting
                                          if name in self.jobs else True)
        return result


def config_paths(tree, confined=None):
    """The Zuul configuration files of a source tree, in Zuul's order.

    Zuul reads the first of ``zuul.yaml``, ``zuul.d/``, ``.zuul.yaml``,
    ``.zuul.d/`` that exists.

    :param confined: the :class:`~._confined.ConfinedTree` of ``tree``
        (one is made by default)
    :returns: a list of paths, empty if there is none
    :raises InputFileError: a path leads outside the tree
    """
    if confined is None:
        confined = _confined.ConfinedTree(tree)
    for name in CONFIG_NAMES:
        path = os.path.join(tree, name)
        if os.path.isdir(path):
            return [confined.inside(os.path.join(path, item))
                    for item in confined.listdir(path)
                    if item.endswith(('.yaml', '.yml'))]
        if os.path.lexists(path):
            # read_text refuses what is not a regular file.
            return [confined.inside(path)]
    return []


def _fail(path, line, problem):
    where = bounded.excerpt(path, bounded.PATH_CHARS)
    if line:
        where += ':%s' % line
    raise _model.AuditError('%s: %s' % (where, bounded.escape(problem)))


def _load(path):
    text = bounded.read_text(path, what=_model.SOURCE_FILE)
    try:
        data = yamlfile.parse(text, path, _Loader)
    except exception.ManifestError as exc:
        _fail(path, exc.line, exc.problem)
    if data is None:
        return []
    if not isinstance(data, list):
        _fail(path, yamlfile.line_of(data),
              'a Zuul configuration must be a list of job, project and '
              'other stanzas')
    return data


def _string_list(path, body, key):
    value = body.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        _fail(path, yamlfile.line_of(body, key), "'%s' must be a list" % key)
    names = []
    for item in value:
        if isinstance(item, dict):
            if 'name' in item:
                names.append(str(item['name']))
            elif len(item) == 1:
                names.append(str(next(iter(item))))
        else:
            names.append(str(item))
    return tuple(names)


#: The job variables the audit reads, and what each must be.
_VARS = {
    'devstack_services': (dict, 'a mapping of service names to true or '
                                'false'),
    'devstack_plugins': (dict, 'a mapping of plugin names to their '
                               'repositories'),
    'tox_envlist': (str, 'a string of comma-separated environments'),
}


def _check_vars(path, job, variables):
    for key, (kind, expected) in _VARS.items():
        value = variables.get(key)
        if value is None:
            continue
        line = yamlfile.line_of(variables, key)
        if not isinstance(value, kind):
            _fail(path, line, "job %s: field 'vars.%s' must be %s"
                  % (bounded.excerpt(job), key, expected))
        if key == 'devstack_services':
            for service, enabled in value.items():
                if not isinstance(service, str) or \
                        not isinstance(enabled, bool):
                    _fail(path, line, "job %s: field 'vars.%s.%s' must be "
                          "true or false" % (bounded.excerpt(job), key,
                                             bounded.excerpt(service)))


def _read_job(path, body, stanza):
    if not isinstance(body, dict):
        _fail(path, yamlfile.line_of(stanza, 'job'),
              'a job must be a mapping')
    name = body.get('name')
    if not isinstance(name, str) or not name:
        _fail(path, yamlfile.line_of(body), "a job needs a 'name'")
    variables = body.get('vars') or {}
    if not isinstance(variables, dict):
        _fail(path, yamlfile.line_of(body, 'vars'),
              "job %s: 'vars' must be a mapping" % bounded.excerpt(name))
    _check_vars(path, name, variables)
    voting = body.get('voting')
    if voting is not None and not isinstance(voting, bool):
        _fail(path, yamlfile.line_of(body, 'voting'),
              "job %s: 'voting' must be true or false"
              % bounded.excerpt(name))
    parent = body.get('parent')
    if parent is not None and not isinstance(parent, str):
        _fail(path, yamlfile.line_of(body, 'parent'),
              "job %s: 'parent' must be a job name" % bounded.excerpt(name))
    return Job(name=name, path=path, line=yamlfile.line_of(body),
               parent=str(parent) if parent else None,
               description=body.get('description'),
               abstract=bool(body.get('abstract')), voting=voting,
               required_projects=_string_list(path, body,
                                              'required-projects'),
               vars=variables)


def _read_pipeline(path, body, pipeline):
    section = body.get(pipeline)
    if section is None:
        return []
    if not isinstance(section, dict):
        _fail(path, yamlfile.line_of(body, pipeline),
              "project pipeline '%s' must be a mapping" % pipeline)
    jobs = section.get('jobs') or []
    if not isinstance(jobs, list):
        _fail(path, yamlfile.line_of(section, 'jobs'),
              "project pipeline '%s': 'jobs' must be a list" % pipeline)
    entries = []
    for item in jobs:
        if isinstance(item, str):
            entries.append(PipelineEntry(item, pipeline, None, path,
                                         yamlfile.line_of(section, 'jobs')))
            continue
        if not isinstance(item, dict) or len(item) != 1:
            _fail(path, yamlfile.line_of(section, 'jobs'),
                  "project pipeline '%s': a job entry must be a name or a "
                  "mapping of one name to its settings" % pipeline)
        name, settings = next(iter(item.items()))
        settings = settings or {}
        if not isinstance(settings, dict):
            _fail(path, yamlfile.line_of(item),
                  "project pipeline '%s': job %s: settings must be a "
                  "mapping" % (pipeline, bounded.excerpt(name)))
        voting = settings.get('voting')
        if voting is not None and not isinstance(voting, bool):
            _fail(path, yamlfile.line_of(settings, 'voting'),
                  "project pipeline '%s': job %s: 'voting' must be true "
                  "or false" % (pipeline, bounded.excerpt(name)))
        entries.append(PipelineEntry(str(name), pipeline, voting, path,
                                     yamlfile.line_of(item)))
    return entries


def read_zuul(paths):
    """Read Zuul configuration files.

    :param paths: files, as :func:`config_paths` returns them
    :returns: a :class:`ZuulConfig`
    :raises AuditError: a file is unreadable or malformed (file:line)
    """
    jobs = {}
    entries = []
    templates = []
    for path in paths:
        for stanza in _load(path):
            if not isinstance(stanza, dict) or len(stanza) != 1:
                _fail(path, yamlfile.line_of(stanza),
                      'each item must be a mapping of one stanza type '
                      '(job, project, ...) to its body')
            kind, body = next(iter(stanza.items()))
            if kind == 'job':
                job = _read_job(path, body, stanza)
                jobs.setdefault(job.name, job)
            elif kind == 'project':
                if not isinstance(body, dict):
                    _fail(path, yamlfile.line_of(stanza),
                          'a project must be a mapping')
                templates.extend(_string_list(path, body, 'templates'))
                for pipeline in PIPELINES:
                    entries.extend(_read_pipeline(path, body, pipeline))
    return ZuulConfig(jobs, entries, templates, paths)
