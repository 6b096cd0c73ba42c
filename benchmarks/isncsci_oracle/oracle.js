// Differential oracle for spinekg.isncsci (tests/test_isncsci_oracle.py, benchmarks/isncsci_conformance.py).
// Reads one flat exam per line on stdin (JSON, keys like c5RightMotor, s4_5LeftPrick, analContraction,
// analSensation, rightLowestNonKeyMuscleWithMotorFunction) and writes one line per exam: the classification
// and totals of the Praxis ISNCSCI algorithm (npm package "isncsci", Apache-2.0, Praxis Spinal Cord Institute,
// https://github.com/praxis-isncsci/algorithm) in the flat `totals` format of the reference cases.
// A line the algorithm cannot classify gets {"error": "..."}.
'use strict';
const readline = require('readline');
const { ISNCSCI } = require('isncsci');

const SENSORY = ['C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9',
  'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1', 'S2', 'S3', 'S4_5'];
const MOTOR = ['C5', 'C6', 'C7', 'C8', 'T1', 'L2', 'L3', 'L4', 'L5', 'S1'];

function side(flat, name) {
  const s = { motor: {}, lightTouch: {}, pinPrick: {} };
  for (const lv of SENSORY) {
    const key = lv.toLowerCase() + name;
    s.lightTouch[lv] = flat[key + 'Touch'];
    s.pinPrick[lv] = flat[key + 'Prick'];
  }
  for (const lv of MOTOR) s.motor[lv] = flat[lv.toLowerCase() + name + 'Motor'];
  const nkm = flat[name.toLowerCase() + 'LowestNonKeyMuscleWithMotorFunction'];
  if (nkm) s.lowestNonKeyMuscleWithMotorFunction = nkm;
  return s;
}

function totals(flat) {
  const exam = {
    right: side(flat, 'Right'), left: side(flat, 'Left'),
    voluntaryAnalContraction: flat.analContraction, deepAnalPressure: flat.analSensation,
  };
  const r = new ISNCSCI(exam);
  const c = r.classification, t = r.totals;
  return {
    rightSensory: c.neurologicalLevels.sensoryRight, leftSensory: c.neurologicalLevels.sensoryLeft,
    rightMotor: c.neurologicalLevels.motorRight, leftMotor: c.neurologicalLevels.motorLeft,
    neurologicalLevelOfInjury: c.neurologicalLevelOfInjury, injuryComplete: c.injuryComplete,
    asiaImpairmentScale: c.ASIAImpairmentScale,
    rightSensoryZpp: c.zoneOfPartialPreservations.sensoryRight, leftSensoryZpp: c.zoneOfPartialPreservations.sensoryLeft,
    rightMotorZpp: c.zoneOfPartialPreservations.motorRight, leftMotorZpp: c.zoneOfPartialPreservations.motorLeft,
    rightUpperMotorTotal: t.right.upperExtremity, leftUpperMotorTotal: t.left.upperExtremity,
    upperMotorTotal: t.upperExtremity,
    rightLowerMotorTotal: t.right.lowerExtremity, leftLowerMotorTotal: t.left.lowerExtremity,
    lowerMotorTotal: t.lowerExtremity,
    rightMotorTotal: t.right.motor, leftMotorTotal: t.left.motor,
    rightTouchTotal: t.right.lightTouch, leftTouchTotal: t.left.lightTouch, touchTotal: t.lightTouch,
    rightPrickTotal: t.right.pinPrick, leftPrickTotal: t.left.pinPrick, prickTotal: t.pinPrick,
  };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
rl.on('line', (line) => {
  if (!line.trim()) return;
  let res;
  try { res = totals(JSON.parse(line)); } catch (e) { res = { error: String(e && e.message ? e.message : e) }; }
  out.push(JSON.stringify(res));
  if (out.length >= 1000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
});
rl.on('close', () => { if (out.length) process.stdout.write(out.join('\n') + '\n'); });
