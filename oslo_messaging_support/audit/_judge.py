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
"""Judge each policy criterion from the strongest evidence at hand.

A coverage report decides ``coverage``; a source tree decides
``unit_tests``, ``integration``, ``gate_voting`` and ``documentation``;
what neither gives comes from the bundled evidence of the manifest.
"""

from oslo_messaging_support.audit import _coverage
from oslo_messaging_support.audit import _model
from oslo_messaging_support.engine import tiers

#: The dependents the policy names for integration testing.
DEPENDENTS = ('nova', 'cinder', 'neutron')
#: The criteria a source tree decides.
SOURCE_CRITERIA = ('unit_tests', 'integration', 'gate_voting',
                   'documentation')


def manifest_finding(entry, criterion, release):
    """The bundled evidence of one criterion, as a finding."""
    item = entry.evidence.get(criterion)
    if item is None:
        return _model.Finding(criterion, 'unknown',
                              'no evidence recorded', 'none',
                              _model.ORIGIN_MANIFEST)
    source = item.source or 'none'
    if release and source != 'none found' and release not in source:
        source = '%s (evidence release %s)' % (source, release)
    return _model.Finding(criterion, item.result,
                          ' '.join(str(item.detail or '').split()),
                          source, _model.ORIGIN_MANIFEST, item.value)


def coverage_finding(report, driver, modules, where):
    """The ``coverage`` finding from a report.

    :param report: a :class:`~._coverage.CoverageReport`
    :param modules: the driver's modules, relative to the package
    :param where: what the module list was read from
    """
    if not modules:
        return _model.Finding(
            'coverage', 'unknown',
            'no module of %s in %s, so the report cannot tell'
            % (driver, where), report.path, _model.ORIGIN_COVERAGE)
    measured = _coverage.driver_coverage(report, modules)
    listed = ', '.join(module for module, _ in measured.modules)
    if measured.percent is None:
        return _model.Finding(
            'coverage', 'unknown',
            'none of its modules (%s) is in the report' % listed,
            report.path, _model.ORIGIN_COVERAGE)
    missing = [module for module, item in measured.modules if item is None]
    percent = round(measured.percent, 1)
    result = 'pass' if measured.percent >= _coverage.THRESHOLD else 'fail'
    text = ('%.1f%% (%d of %d statements) over %s; the policy asks for '
            '%d%%' % (percent, measured.covered, measured.statements,
                      listed, _coverage.THRESHOLD))
    if missing:
        text += '; not in the report: %s' % ', '.join(missing)
    return _model.Finding('coverage', result, text,
                          '%s (%s)' % (report.path, report.format),
                          _model.ORIGIN_COVERAGE, percent)


def _integration_jobs(uses):
    return [use for use in uses if use.kind == 'devstack' and
            use.pipelines and
            all(project in use.projects for project in DEPENDENTS)]


def _job_list(uses):
    return ', '.join('%s (%s; %s)' % (use.job, '+'.join(use.usage),
                                      use.describe_runs())
                     for use in uses)


def _unit_tests(tree, entry):
    modules = tree.test_modules(entry.name)
    pythons = ', '.join(tree.pythons) or 'none declared'
    templates = ', '.join(t for t in (tree.zuul.templates if tree.zuul
                                      else ()) if 'python' in t)
    if not modules:
        return ('unknown', 'no test module named after its module in %s; '
                'whether other tests run its code shows in its coverage'
                % tree.relative(tree.test_dir))
    if tree.tox is None or not tree.tox.runs_all_tests():
        return ('unknown', '%s exists, but tox.ini [testenv] does not run '
                'the whole suite with stestr' % ', '.join(modules))
    return ('pass', '%s runs in tox [testenv] (stestr run, the whole '
            'suite), so on every Python version the gate runs unit tests '
            'on (project templates: %s); classifiers: %s; requires-python '
            '%s' % (', '.join(modules), templates or 'none',
                    pythons, tree.requires_python or 'not set'))


def _integration(uses):
    found = _integration_jobs(uses)
    if found:
        job = found[0]
        deployed = sorted(name for name in job.projects
                          if not name.startswith(('oslo.', 'devstack')))
        return ('pass', '%s: a devstack deployment of %s that uses it for '
                '%s (%s)' % (job.job, ', '.join(deployed),
                             ' and '.join(job.usage), job.how)
                + ('; also %s' % _job_list(found[1:]) if found[1:] else ''))
    if uses:
        return ('fail', 'no job deploying %s uses it; its jobs: %s'
                % (', '.join(DEPENDENTS), _job_list(uses)))
    return ('fail', 'no job of the project pipelines uses it')


def _gate_voting(uses):
    integration = _integration_jobs(uses)
    voting = [use for use in uses if use.votes_in_gate]
    other = [use for use in uses if not use.votes_in_gate]
    if not uses:
        return ('fail', 'no job of the project pipelines uses it, so no '
                'testing of it votes')
    text = []
    if voting:
        text.append('voting in the gate: %s' % ', '.join(
            use.job for use in voting))
    if other:
        text.append('not voting in the gate: %s' % _job_list(other))
    if any(use.votes_in_gate for use in integration):
        return ('pass', '; '.join(text))
    if not voting:
        return ('fail', 'none of its jobs votes in the gate: %s'
                % _job_list(uses))
    return ('fail', 'no integration job of it votes in the gate; '
            + '; '.join(text))


def _documentation(tree, entry):
    docs = tree.documents(entry.name)
    if not docs:
        return ('fail', 'no document named %s.rst under doc/source'
                % entry.name)
    listed = ', '.join(path + (' (calls it experimental)' if flag else '')
                       for path, flag in docs)
    bundled = entry.evidence.get('documentation')
    if bundled is not None and bundled.result == 'pass':
        # The deployment guide is not in the tree: its part of the
        # criterion comes from the bundled evidence, which cites it.  Only
        # the sources outside oslo.messaging are named: the tree's own
        # documents are listed already.
        outside = [part for part in str(bundled.source or '').split('; ')
                   if part and not part.startswith('oslo.messaging')]
        return ('pass', 'in the tree: %s; the deployment guide, from the '
                'bundled evidence: %s'
                % (listed, '; '.join(outside) or bundled.source))
    return ('unknown', 'in the tree: %s; whether the official deployment '
            'guide covers it is not in this tree' % listed)


def source_finding(tree, entry, criterion):
    """A finding from a source tree, for one of :data:`SOURCE_CRITERIA`."""
    if entry.name not in tree.entry_points:
        return _model.Finding(
            criterion, 'unknown', '%s does not ship it (no %s entry point '
            'in %s)' % (tree.name, entry.name,
                        tree.metadata_file or 'its metadata'),
            tree.name, _model.ORIGIN_SOURCE)
    uses = tree.uses_of(entry.name, entry.aliases)
    zuul_files = ', '.join(tree.relative(path) for path in
                           (tree.zuul.paths if tree.zuul else ()))
    if criterion == 'unit_tests':
        result, text = _unit_tests(tree, entry)
        source = '%s tox.ini, %s' % (tree.name,
                                     tree.metadata_file or 'metadata')
    elif criterion == 'documentation':
        result, text = _documentation(tree, entry)
        source = '%s doc/source' % tree.name
    elif tree.zuul is None:
        return _model.Finding(criterion, 'unknown',
                              'the tree has no Zuul configuration',
                              tree.name, _model.ORIGIN_SOURCE)
    else:
        if criterion == 'integration':
            result, text = _integration(uses)
            relevant = _integration_jobs(uses)
        else:
            result, text = _gate_voting(uses)
            relevant = uses
        external = sorted({s for use in relevant for s in use.sources})
        source = '%s %s' % (tree.name, zuul_files)
        if external:
            source += '; parents: ' + '; '.join(external)
    return _model.Finding(criterion, result, text, source,
                          _model.ORIGIN_SOURCE)


def findings(entry, release, tree=None, report=None, modules=None,
             modules_from=None):
    """One finding per criterion for a driver.

    :param entry: the :class:`~oslo_messaging_support.DriverEntry`
    :param release: the manifest's evidence release
    :param tree: a :class:`~._source.SourceTree`, or ``None``
    :param report: a :class:`~._coverage.CoverageReport`, or ``None``
    :param modules: the driver's modules, for the report
    :param modules_from: where ``modules`` were read
    :returns: a tuple of :class:`~._model.Finding`, in criteria order
    """
    result = []
    for criterion in tiers.CRITERIA:
        if criterion == 'coverage' and report is not None:
            result.append(coverage_finding(report, entry.name, modules,
                                           modules_from))
        elif criterion in SOURCE_CRITERIA and tree is not None:
            result.append(source_finding(tree, entry, criterion))
        else:
            result.append(manifest_finding(entry, criterion, release))
    return tuple(result)


def policy_tier(declared, found, compliance=None):
    """The tier the findings call for, and why.

    :param declared: the declared :class:`~.tiers.Tier` at the evaluation
        point
    :param found: the driver's findings
    :param compliance: the driver's :class:`~.tiers.Compliance` there,
        where known: an ``overdue`` prospective driver that fails a
        criterion is one the policy deprecates
    :returns: ``(tier or None, reason)``
    """
    Tier = tiers.Tier
    failed = [item.criterion for item in found if item.result == 'fail']
    unknown = [item.criterion for item in found if item.result == 'unknown']
    if declared == Tier.REMOVED:
        return Tier.REMOVED, 'removed from oslo.messaging: the criteria ' \
            'no longer apply'
    if declared == Tier.TESTING:
        return Tier.TESTING, 'a test-only driver, not judged by the ' \
            'criteria: the policy sets them for drivers "shipped and ' \
            'documented as being supported"'
    if failed:
        if declared == Tier.PROSPECTIVE and \
                compliance != tiers.Compliance.OVERDUE:
            return Tier.PROSPECTIVE, 'fails %s, which a prospective ' \
                'driver may until its deadline' % ', '.join(failed)
        return Tier.DEPRECATED, 'fails %s: the policy deprecates a driver' \
            ' that does not meet every criterion' % ', '.join(failed)
    if unknown:
        return None, 'no criterion fails, but %s %s unknown' % (
            ', '.join(unknown), 'is' if len(unknown) == 1 else 'are')
    return Tier.SUPPORTED, 'meets every criterion'
