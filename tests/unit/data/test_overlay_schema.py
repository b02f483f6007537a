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
"""The published JSON Schema of an overlay says what the validator says.

``data/overlay.schema.json`` is what an editor or a deployment tool checks
an overlay file with; the library's own validator (``driver_manifest``) is
what a service loads it with. The schema's key sets and enumerations are
those of the validator, and for every document drawn from values each rule
accepts or refuses, both give the same verdict. The rules the schema cannot
say (the calendar's series, the order of a lifecycle, relations between
drivers) are listed in its description and checked here to be refused by
the validator only.
"""

import datetime
import json
import os

import hypothesis
from hypothesis import strategies
import jsonschema
import yaml

from oslo_messaging_support import data as bundled
from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import tiers
from oslo_messaging_support import exception
from tests import base

SCHEMA_PATH = os.path.join(os.path.dirname(bundled.path(bundled.MANIFEST)),
                           'overlay.schema.json')


def load_schema():
    with open(SCHEMA_PATH, encoding='utf-8') as stream:
        return json.load(stream)


SCHEMA = load_schema()
DEFS = SCHEMA['$defs']
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _json_ready(value):
    """YAML's dates as the strings an editor's YAML 1.2 reading sees."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


class SchemaCase(base.TestCase):

    def write(self, document):
        path = os.path.join(self.tempdir, 'overlay.yaml')
        with open(path, 'w', encoding='utf-8') as stream:
            yaml.safe_dump(document, stream, sort_keys=False)
        return path

    def library_accepts(self, document):
        path = self.write(document)
        policy = support.POLICY
        try:
            driver_manifest.load_manifest(
                [driver_manifest.bundled_manifest_path(), path],
                policy.calendar)
        except exception.ManifestError as exc:
            return False, str(exc)
        return True, None

    def schema_accepts(self, document):
        errors = sorted(VALIDATOR.iter_errors(document), key=str)
        return not errors, [error.message for error in errors]


class TestSchemaFollowsTheValidator(SchemaCase):
    """Every key set and enumeration is the validator's own."""

    def test_schema_is_a_valid_schema(self):
        jsonschema.Draft202012Validator.check_schema(SCHEMA)

    def test_keys(self):
        self.assertEqual(set(driver_manifest._TOP_KEYS),
                         set(SCHEMA['properties']))
        self.assertEqual(set(driver_manifest._DRIVER_KEYS),
                         set(DEFS['driver']['properties']))
        self.assertEqual(list(driver_manifest._REQUIRED_DRIVER_KEYS),
                         DEFS['new_driver']['required'])
        self.assertEqual(set(driver_manifest._EVENT_KEYS),
                         set(DEFS['event']['properties']))
        self.assertEqual(set(driver_manifest._CRITERION_KEYS),
                         set(DEFS['criterion']['properties']))

    def test_enumerations(self):
        driver = DEFS['driver']['properties']
        self.assertEqual([str(status.value)
                          for status in driver_manifest.STATUSES],
                         DEFS['event']['properties']['status']['enum'])
        self.assertEqual(list(driver_manifest.USAGES),
                         driver['usage']['items']['enum'])
        self.assertEqual(list(tiers.CRITERIA),
                         driver['evidence']['propertyNames']['enum'])
        self.assertEqual(list(driver_manifest.RESULTS),
                         DEFS['criterion']['properties']['result']['enum'])

    def test_known_drivers_are_the_bundled_ones(self):
        """A bundled driver's keys are optional; a new one needs three."""
        bundled = support.POLICY.manifest().drivers
        self.assertEqual(
            list(bundled),
            list(SCHEMA['properties']['drivers']['properties']))

    def test_bundled_manifest_is_valid(self):
        """The bundled manifest, every key of every driver, passes."""
        with open(driver_manifest.bundled_manifest_path(),
                  encoding='utf-8') as f:
            document = _json_ready(yaml.safe_load(f))
        self.assertEqual((True, []), self.schema_accepts(document))

    def test_documented_examples(self):
        examples = os.path.join(base.__file__, '..', '..', 'doc', 'source',
                                '_examples')
        examples = os.path.normpath(examples)
        for name, valid in (('distro-overlay.yaml', True),
                            ('prospective.yaml', True),
                            ('broken-overlay.yaml', False)):
            with open(os.path.join(examples, name), encoding='utf-8') as f:
                document = _json_ready(yaml.safe_load(f))
            self.assertEqual(valid, self.schema_accepts(document)[0], name)
            self.assertEqual(valid, self.library_accepts(document)[0], name)


# Values each rule accepts or refuses.  Every series is of the calendar and
# every lifecycle has one event, so that only the schema's rules decide.
_EVENTS = [
    {'series': 'epoxy', 'status': 'supported'},
    {'series': '2025.1', 'status': 'deprecated', 'source': 'a note',
     'note': 'anything'},
    {'series': 'epoxy', 'status': 'removed', 'date': '2025-03-01'},
    {'series': 'epoxy', 'status': 'prospective', 'date': '2024-11-04'},
    {'series': 'epoxy', 'status': 'prospective'},
    {'series': 'epoxy', 'status': 'prospective', 'date': None},
    {'series': 'epoxy', 'status': 'retired'},
    {'series': 'epoxy'},
    {'status': 'supported'},
    {'series': 'epoxy', 'status': 'supported', 'when': 'now'},
    {'series': 'epoxy', 'status': 'supported', 'source': 5},
    {'series': True, 'status': 'supported'},
    {'series': ['epoxy'], 'status': 'supported'},
    'epoxy',
]
_VALUES = {
    'entry_point': ['pkg.mod:Driver', 'pkg:Outer.Inner', '_a.b2:C_',
                    'no_colon', 'pkg.:Driver', 'pkg:1Driver', 'a b:C', 7,
                    None],
    'aliases': [[], ['other-name'], ['x.y', 'z_1'], ['bad name'],
                ['+plus'], 'other', [3], None],
    'usage': [['rpc'], ['notifications', 'rpc'], [], ['email'], 'rpc',
              None],
    'replacement': [None, 'zmq', 5, ['zmq']],
    'description': [None, 'words', 5],
    'lifecycle': [[event] for event in _EVENTS] + [[], 'removed', None],
    'evidence': [
        {}, {'coverage': {'result': 'pass', 'value': 61.5}},
        {'maintainers': {'result': 'unknown', 'detail': 'x',
                         'source': 'y'}},
        {'coverage': {'result': 'maybe'}}, {'speed': {'result': 'pass'}},
        {'coverage': {'detail': 'no result'}}, {'coverage': 'pass'},
        {'coverage': {'result': 'pass', 'extra': 1}}, None, []],
}
_NAMES = ['kafka', 'fake', 'mydriver', 'my.driver-2', 'bad+name', '-dash',
          '.dot', 'sp ace']


@strategies.composite
def _drivers(draw):
    result = {}
    for name in draw(strategies.lists(strategies.sampled_from(_NAMES),
                                      max_size=2, unique=True)):
        keys = draw(strategies.lists(strategies.sampled_from(
            sorted(_VALUES) + ['colour']), unique=True))
        driver = {}
        for key in keys:
            driver[key] = draw(strategies.sampled_from(
                _VALUES.get(key, ['red'])))
        result[name] = draw(strategies.sampled_from([driver, driver, None,
                                                     'kafka']))
    return result


@strategies.composite
def _documents(draw):
    document = {}
    if draw(strategies.integers(0, 9)):
        document['drivers'] = draw(strategies.one_of(
            _drivers(), strategies.sampled_from([None, [], 'kafka'])))
    release = draw(strategies.sampled_from([False, '18.3.1', None, 18]))
    if release is not False:
        document['evidence_release'] = release
    if not draw(strategies.integers(0, 9)):
        document['extra'] = 1
    return document


class TestSameVerdicts(SchemaCase):

    @hypothesis.settings(max_examples=200, deadline=None, derandomize=True,
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(_documents())
    def test_schema_and_validator_agree(self, document):
        schema = self.schema_accepts(document)
        library = self.library_accepts(document)
        self.assertEqual(schema[0], library[0],
                         'document %r: schema %r, validator %r'
                         % (document, schema[1], library[1]))

    def test_rules_beyond_the_schema(self):
        """What the schema's description says only the validator checks."""
        kafka = {'entry_point': 'oslo_messaging._drivers.impl_kafka:'
                                'KafkaDriver', 'usage': ['notifications']}
        beyond = {
            'unknown series': {'kafka': {'lifecycle': [
                {'series': 'narnia', 'status': 'supported'}]}},
            'out of order': {'kafka': {'lifecycle': [
                {'series': 'epoxy', 'status': 'supported'},
                {'series': 'caracal', 'status': 'deprecated'}]}},
            'back after removal': {'kafka': {'lifecycle': [
                {'series': 'caracal', 'status': 'removed'},
                {'series': 'epoxy', 'status': 'supported'}]}},
            'impossible date': {'kafka': {'lifecycle': [
                {'series': 'epoxy', 'status': 'supported',
                 'date': '2025-02-30'}]}},
            'replacement unknown': {'kafka': {'replacement': 'nosuch'}},
            'replaces itself': {'kafka': {'replacement': 'kafka'}},
            'alias of another driver': {'kafka': {'aliases': ['kombu']}},
            'alias is a driver': {'kafka': {'aliases': ['rabbit']}},
            'alias names itself': {'kafka': {'aliases': ['kafka']}},
            'new driver named as an alias': {'kombu': dict(kafka, lifecycle=[
                {'series': 'epoxy', 'status': 'supported'}])},
        }
        for what, drivers in beyond.items():
            document = {'drivers': drivers}
            self.assertEqual((True, []), self.schema_accepts(document), what)
            self.assertFalse(self.library_accepts(document)[0], what)
