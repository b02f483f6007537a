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


@dataclasses.dataclass(frozen=True)
class ResolvedJob:
    """A job with everything it inherits.

    :ivar chain: job names from the job up to its last known ancestor
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
    chain: tuple
    external: tuple
    unresolved: object
    vars: dict
    projects: frozenset
    services: dict
    python: object
    voting: bool

    @property
    def name(self):
        return self.job.name

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


def _merge(base, override):
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge(result[key], value)
        else:
            result[key] = value
    return result


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

    def resolve(self, name):
        """The :class:`ResolvedJob` for a job of this project.

        :raises AuditError: the inheritance has a cycle
        """
        job = self.jobs[name]
        chain = []
        external = []
        unresolved = None
        python = None
        layers = []
        current = name
        while current is not None:
            if current in chain:
                raise _model.AuditError(
                    '%s:%s: job %s: its parents form a cycle (%s)'
                    % (job.path, job.line, name,
                       ' -> '.join(chain + [current])))
            chain.append(current)
            if current in self.jobs:
                layers.append(self.jobs[current])
                current = self.jobs[current].parent
                continue
            match = _TOX_PY_JOB.match(current)
            if match:
                python = '%s.%s' % match.groups()
            if current in EXTERNAL_JOBS:
                external.append(EXTERNAL_JOBS[current])
                current = EXTERNAL_JOBS[current].parent
                continue
            if not match:
                unresolved = current
            current = None
        merged = {}
        projects = set()
        services = {}
        voting = None
        for ext in reversed(external):
            projects.update(ext.projects)
            services.update(dict(ext.services))
        for layer in reversed(layers):
            merged = _merge(merged, layer.vars)
            projects.update(_short_project(p)
                            for p in layer.required_projects)
            if layer.voting is not None:
                voting = layer.voting
        services.update(merged.get('devstack_services') or {})
        return ResolvedJob(
            job=job, chain=tuple(chain), external=tuple(external),
            unresolved=unresolved, vars=merged,
            projects=frozenset(projects), services=services, python=python,
            voting=True if voting is None else voting)

    def runs(self, name):
        """``{pipeline: voting}`` for each project pipeline running a job.

        A pipeline entry's ``voting`` wins over the job definition's.
        """
        result = {}
        resolved = None
        for entry in self.entries:
            if entry.job != name:
                continue
            if entry.voting is not None:
                result[entry.pipeline] = entry.voting
            else:
                if resolved is None:
                    resolved = self.resolve(name) if name in self.jobs \
                        else None
                result[entry.pipeline] = (resolved.voting
                                          if resolved else True)
        return result


def config_paths(tree):
    """The Zuul configuration files of a source tree, in Zuul's order.

    Zuul reads the first of ``zuul.yaml``, ``zuul.d/``, ``.zuul.yaml``,
    ``.zuul.d/`` that exists.

    :returns: a list of paths, empty if there is none
    """
    for name in CONFIG_NAMES:
        path = os.path.join(tree, name)
        if os.path.isdir(path):
            return sorted(os.path.join(path, item)
                          for item in os.listdir(path)
                          if item.endswith(('.yaml', '.yml')))
        if os.path.lexists(path):
            # read_text refuses what is not a regular file.
            return [path]
    return []


def _fail(path, line, problem):
    where = bounded.escape(path)
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
                  % (job, key, expected))
        if key == 'devstack_services':
            for service, enabled in value.items():
                if not isinstance(service, str) or \
                        not isinstance(enabled, bool):
                    _fail(path, line, "job %s: field 'vars.%s.%s' must be "
                          "true or false" % (job, key, service))


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
              "job %s: 'vars' must be a mapping" % name)
    _check_vars(path, name, variables)
    voting = body.get('voting')
    if voting is not None and not isinstance(voting, bool):
        _fail(path, yamlfile.line_of(body, 'voting'),
              "job %s: 'voting' must be true or false" % name)
    parent = body.get('parent')
    if parent is not None and not isinstance(parent, str):
        _fail(path, yamlfile.line_of(body, 'parent'),
              "job %s: 'parent' must be a job name" % name)
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
                  "mapping" % (pipeline, name))
        voting = settings.get('voting')
        if voting is not None and not isinstance(voting, bool):
            _fail(path, yamlfile.line_of(settings, 'voting'),
                  "project pipeline '%s': job %s: 'voting' must be true "
                  "or false" % (pipeline, name))
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
