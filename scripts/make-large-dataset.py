#!/usr/bin/python3
"""Writes a large LIBERO-layout HDF5 dataset with h5py, to measure streamed training (`vla train --stream`) on data
larger than memory. Same layout as LIBERO's task files: data/demo_i/{actions, obs/{agentview_rgb, eye_in_hand_rgb,
ee_pos, ee_ori, gripper_states}, dones, rewards}, problem_info on data. Frames show a block moving over a textured
background (content does not matter for I/O; uncompressed, contiguous, as LIBERO's files are).

  /usr/bin/python3 scripts/make-large-dataset.py --out /tmp/large --tasks 20 --demos 50 --steps 220 --size 128   # 20 GiB
(Debian's python3-h5py, which ./test installs, lives in /usr/bin/python3.)
"""
import argparse, json, os
import numpy as np, h5py

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--out', required=True)
p.add_argument('--tasks', type=int, default=20)
p.add_argument('--demos', type=int, default=50)
p.add_argument('--steps', type=int, default=220)
p.add_argument('--size', type=int, default=128)
p.add_argument('--seed', type=int, default=0)
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
rng = np.random.default_rng(a.seed)
S, T = a.size, a.steps
background = rng.integers(0, 256, (S, S, 3), dtype=np.uint8)
for task in range(a.tasks):
    path = os.path.join(a.out, f'large_task_{task:02d}_demo.hdf5')
    tmp = path + '.partial'
    with h5py.File(tmp, 'w') as f:
        data = f.create_group('data')
        data.attrs['problem_info'] = json.dumps({'language_instruction': f'pick up block {task} and place it in the basket'})
        data.attrs['env_args'] = json.dumps({'env_name': 'large'})
        for d in range(a.demos):
            g = data.create_group(f'demo_{d}')
            g.attrs['num_samples'] = T
            actions = np.cumsum(rng.normal(0, 0.05, (T, 7)), axis=0).astype(np.float32)
            actions[:, 6] = np.where(np.arange(T) > T // 2, 1.0, -1.0)
            g.create_dataset('actions', data=actions)
            obs = g.create_group('obs')
            obs.create_dataset('ee_pos', data=np.cumsum(actions[:, :3], axis=0) * 0.01)
            obs.create_dataset('ee_ori', data=np.cumsum(actions[:, 3:6], axis=0) * 0.01)
            obs.create_dataset('gripper_states', data=np.repeat(np.where(actions[:, 6:7] > 0, 0.0, 0.04), 2, axis=1))
            for c, key in enumerate(['agentview_rgb', 'eye_in_hand_rgb']):
                frames = np.broadcast_to(background, (T, S, S, 3)).copy()
                x = (np.arange(T) * (S - 16) // T + c * 7) % (S - 16)
                for t in range(T):
                    frames[t, 40:56, x[t]:x[t] + 16] = (200, 30 + 20 * c, task * 12 % 256)
                obs.create_dataset(key, data=frames)
            done = (np.arange(T) == T - 1).astype(np.uint8)
            g.create_dataset('dones', data=done)
            g.create_dataset('rewards', data=done)
    os.replace(tmp, path)
    print(f'{task + 1}/{a.tasks} {path}', flush=True)
